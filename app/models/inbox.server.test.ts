import { expect, it } from "vitest";

import { describeEachDialect, personOf, townIdOf } from "~db/testing";

import { markdownToContent } from "~/editor/content.server";

import { listDone, listStarted, listTodo } from "./inbox.server";
import { createPlan } from "./plan.server";
import { listSections, saveSectionContent } from "./section.server";
import { applySectionEvent } from "./workflow/section-events.server";

describeEachDialect(
  "工作台 inbox",
  (t) => {
    let planId = "";
    const economy = async () =>
      (await listSections(await townIdOf(t.db, "示例镇"), planId)).find(
        (s) => s.kind === "economy",
      )!;

    it("a drafter's 待办 holds their own sections, flagged when due within three days", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2029, kind: "工作计划", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      planId = created.planId;
      const section = await economy();
      await t.db
        .updateTable("sections")
        .set({ deadline: "2029-03-12" })
        .where("id", "=", section.id)
        .execute();

      const econ = await personOf(t.db, "econ");
      const todo = await listTodo(econ, new Date("2029-03-10T02:00:00Z"));
      expect(todo.map((item) => item.title)).toEqual(["经济发展"]);
      expect(todo[0]).toMatchObject({
        todo: "待起草并提交",
        deadlineStatus: "dueSoon",
        reminder: null,
      });
      expect(await listTodo(await personOf(t.db, "agri"))).not.toContainEqual(
        expect.objectContaining({ title: "经济发展" }),
      );
    });

    it("the coordinator's 催办 shows on the drafter's item and on the record", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const section = await economy();
      const reminded = await applySectionEvent(coordinator, section.id, {
        type: "remind",
        baseVersion: section.version,
      });
      expect(reminded).toMatchObject({ ok: true, state: "drafting", version: section.version });
      const [item] = await listTodo(await personOf(t.db, "econ"));
      expect(item?.reminder?.by).toBe("李静");
      expect((await listDone(coordinator)).map((d) => [d.title, d.what])).toEqual([
        ["经济发展", "催办"],
      ]);
    });

    it("after submitting, the item moves to the leader's 待办 and to the drafter's 我发起", async () => {
      const econ = await personOf(t.db, "econ");
      const section = await economy();
      const saved = await saveSectionContent(
        econ,
        section.id,
        markdownToContent("# 经济发展\n\n全年引进亿元以上项目8个。"),
        section.version,
      );
      expect(saved.status).toBe("saved");
      expect(
        await applySectionEvent(econ, section.id, {
          type: "submit",
          baseVersion: section.version + 1,
        }),
      ).toMatchObject({ ok: true });

      expect((await listTodo(econ)).map((i) => i.title)).not.toContain("经济发展");
      const leaderTodo = await listTodo(await personOf(t.db, "leader1"));
      expect(leaderTodo).toContainEqual(
        expect.objectContaining({ title: "经济发展", todo: "待审核", reminder: null }),
      );
      expect(await listTodo(await personOf(t.db, "leader2"))).not.toContainEqual(
        expect.objectContaining({ title: "经济发展" }),
      );
      expect((await listStarted(econ)).map((s) => [s.title, s.nowLabel])).toEqual([
        ["经济发展", "待分管领导审核"],
      ]);
    });
  },
  { seed: true },
);
