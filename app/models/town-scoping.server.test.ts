import { expect, it } from "vitest";

import { newId, nowIso } from "~db/time";
import { describeEachDialect, townIdOf, userIdOf } from "~db/testing";

import { getOptionalUser } from "~/utils/auth.server";
import { createSession } from "~/utils/session.server";

import { deleteDepartment, listDepartments, renameDepartment } from "./department.server";
import { getPlan, listPlans } from "./plan.server";
import { getUser, listUsers, setPassword, setUserActive, updateUser } from "./user.server";

// Every model query takes the signed-in user's town: a row of another town is
// never returned or changed, even when its id is known.
describeEachDialect(
  "town scoping",
  (t) => {
    async function insertPlan(townName: string, year: number) {
      const id = newId();
      const now = nowIso();
      await t.db
        .insertInto("plans")
        .values({
          id,
          townId: await townIdOf(t.db, townName),
          year,
          kind: "工作计划",
          title: `${townName}${year}年工作计划`,
          state: "drafting",
          documentNumber: null,
          publishedOn: null,
          deadline: null,
          createdBy: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      return id;
    }

    it("plans: another town's plan is not found and not listed", async () => {
      const sample = await townIdOf(t.db, "示例镇");
      const other = await townIdOf(t.db, "另一镇");
      const planId = await insertPlan("示例镇", 2027);
      expect((await getPlan(sample, planId))?.title).toBe("示例镇2027年工作计划");
      expect(await getPlan(other, planId)).toBeNull();
      expect(await listPlans(other)).toEqual([]);
      expect((await listPlans(sample)).map((p) => p.id)).toEqual([planId]);
    });

    it("users: another town's user is neither read nor changed", async () => {
      const other = await townIdOf(t.db, "另一镇");
      const econ = await userIdOf(t.db, "econ");
      expect(await getUser(other, econ)).toBeNull();
      expect((await listUsers(other)).map((u) => u.username)).toEqual(["coordinator2"]);
      expect(
        await updateUser(other, econ, {
          displayName: "改名",
          title: null,
          departmentId: null,
          roles: ["admin"],
        }),
      ).toBe(false);
      const session = await createSession(new Request("http://localhost/"), econ);
      const signedIn = new Request("http://localhost/", {
        headers: { Cookie: session.split(";")[0]! },
      });
      expect(await setUserActive(other, econ, false)).toBe(false);
      // Not even econ's sessions end: the other town's admin has no say over them.
      expect((await getOptionalUser(signedIn))?.username).toBe("econ");
      expect(await setPassword(other, econ, "hijacked1", { revokeTokens: true })).toBe(false);
      const after = await getUser(await townIdOf(t.db, "示例镇"), econ);
      expect(after).toMatchObject({ displayName: "王强", roles: ["drafter"], isActive: true });
    });

    it("departments: another town's department cannot be renamed or deleted", async () => {
      const sample = await townIdOf(t.db, "示例镇");
      const other = await townIdOf(t.db, "另一镇");
      const [first] = await listDepartments(sample);
      expect(await renameDepartment(other, first!.id, "被改名")).toEqual({
        ok: false,
        message: "科室不存在",
      });
      expect((await deleteDepartment(other, first!.id)).ok).toBe(false);
      expect((await listDepartments(sample))[0]!.name).toBe(first!.name);
    });

    it("a user cannot be put into another town's department", async () => {
      const sample = await townIdOf(t.db, "示例镇");
      const [otherDept] = await listDepartments(await townIdOf(t.db, "另一镇"));
      await expect(
        updateUser(sample, await userIdOf(t.db, "econ"), {
          displayName: "王强",
          title: null,
          departmentId: otherDept!.id,
          roles: ["drafter"],
        }),
      ).rejects.toThrow(/不属于本镇/);
    });
  },
  { seed: true },
);
