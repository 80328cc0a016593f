import { expect, it } from "vitest";

import { describeEachDialect, markPublished, personOf } from "~db/testing";

import { markdownToContent } from "~/editor/content.server";

import { commitmentProposals, trackCommitment, untrackCommitment } from "./commitment.server";
import { exportPlan } from "./export.server";
import { createPlan, listTargets } from "./plan.server";
import { createReport } from "./report.server";
import { getSection, listSections } from "./section.server";
import { confirmProgress, enterProgress, getPlanProgress } from "./target-progress.server";

const JULY = new Date("2027-07-20T02:00:00Z");

describeEachDialect(
  "a section's commitments tracked after 印发",
  (t) => {
    /** A 2027 plan whose economy section commits to projects in figures. */
    async function planWithCommitments(year = 2027) {
      const coordinator = await personOf(t.db, "coordinator");
      const econ = await personOf(t.db, "econ");
      const town = { ...coordinator, townName: "示例镇" };
      const created = await createPlan(town, { year, kind: "工作计划", from: "templates" });
      if (!created.ok) throw new Error(created.message);
      const economy = (await listSections(coordinator.townId, created.planId)).find(
        (s) => s.departmentId === econ.departmentId,
      )!;
      await t.db
        .updateTable("sections")
        .set({
          content: JSON.stringify(
            markdownToContent(
              "# 聚力项目招引\n\n全年计划引进过亿元项目5个，新建标准厂房2万平方米。\n\n每月开展1次项目会商。",
            ),
          ),
        })
        .where("id", "=", economy.id)
        .execute();
      const publish = () => markPublished(t.db, created.planId);
      return { town, coordinator, econ, planId: created.planId, economy, publish };
    }

    it("the coordinator chooses them from the sections after 印发; they never print", async () => {
      const { town, coordinator, econ, planId, economy, publish } = await planWithCommitments();
      const projects = {
        sectionId: economy.id,
        name: "引进过亿元项目",
        value: "5",
        unit: "个",
        qualifier: null,
        source: "全年计划引进过亿元项目5个，新建标准厂房2万平方米。",
      };
      expect(await trackCommitment(coordinator, planId, projects)).toEqual({
        ok: false,
        status: 409,
        message: "计划印发后才能选择跟踪的工作任务。",
      });
      await publish();
      const before = await exportPlan(coordinator, planId, JULY);

      const found = (await commitmentProposals(coordinator.townId, planId)).find(
        (s) => s.sectionId === economy.id,
      )!;
      // The routine (每月1次) is not proposed.
      expect(found.proposals.map((p) => `${p.name}${p.value}${p.unit}`)).toEqual([
        "引进过亿元项目5个",
        "新建标准厂房2万平方米",
      ]);
      expect(await trackCommitment(econ, planId, projects)).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(
        await trackCommitment(coordinator, planId, { ...projects, sectionId: "elsewhere" }),
      ).toMatchObject({ ok: false, status: 422 });
      const tracked = await trackCommitment(coordinator, planId, projects);
      if (!tracked.ok) throw new Error(tracked.message);
      expect(await trackCommitment(coordinator, planId, projects)).toEqual({
        ok: false,
        status: 409,
        message: "「引进过亿元项目」已在跟踪，不能重复添加。",
      });
      expect(
        (await commitmentProposals(coordinator.townId, planId))
          .find((s) => s.sectionId === economy.id)!
          .proposals.map((p) => p.tracked),
      ).toEqual([true, false]);

      // Not among the 主要预期目标, and the published Word file is the same file.
      expect((await listTargets(coordinator.townId, planId)).map((t) => t.name)).not.toContain(
        "引进过亿元项目",
      );
      const after = await exportPlan(coordinator, planId, JULY);
      expect(before?.bytes.length).toBeGreaterThan(0);
      expect(after?.sha256).toBe(before?.sha256);

      // The section's office enters, the section's leader confirms, like a target's.
      const progress = (await getPlanProgress(coordinator.townId, planId))!;
      const commitment = progress.targets.find((target) => target.id === tracked.id)!;
      expect(commitment).toMatchObject({
        departmentId: econ.departmentId,
        commitment: { sectionId: economy.id, sectionTitle: economy.title },
        context: { leaderIds: [economy.leaderId] },
      });
      const entered = await enterProgress(
        econ,
        planId,
        tracked.id,
        { period: "2027-Q2", actual: 2, note: null, baseVersion: 0 },
        JULY,
      );
      expect(entered.ok).toBe(true);
      const leader = await t.db
        .selectFrom("users")
        .select("username")
        .where("id", "=", economy.leaderId!)
        .executeTakeFirstOrThrow();
      const confirmed = await confirmProgress(
        await personOf(t.db, leader.username),
        planId,
        tracked.id,
        { period: "2027-Q2", baseVersion: 1 },
        JULY,
      );
      expect(confirmed).toMatchObject({ ok: true, figure: { state: "confirmed" } });
      // With a figure on record it stays tracked.
      expect(await untrackCommitment(coordinator, planId, tracked.id)).toMatchObject({
        ok: false,
        status: 409,
      });

      // The half-year report states it after the paragraph that made it, not in the table.
      const report = await createReport(town, { kind: "半年总结", sourcePlanId: planId }, JULY);
      if (!report.ok) throw new Error(report.message);
      const drafted = (await listSections(coordinator.townId, report.planId)).find(
        (s) => s.departmentId === econ.departmentId,
      )!;
      const text = (await getSection(coordinator.townId, drafted.id))!.content;
      expect(text).toContain(
        "）】引进过亿元项目：全年目标5个，截至6月底完成2个，占全年目标40%，欠进度。",
      );
      expect(
        (await listTargets(coordinator.townId, report.planId)).map((t) => t.name),
      ).not.toContain("引进过亿元项目");
    });

    it("a commitment without figures can be untracked, by the coordinator only", async () => {
      const { coordinator, econ, planId, economy, publish } = await planWithCommitments(2028);
      await publish();
      const tracked = await trackCommitment(coordinator, planId, {
        sectionId: economy.id,
        name: "新建标准厂房",
        value: "2",
        unit: "万平方米",
        qualifier: null,
        source: null,
      });
      if (!tracked.ok) throw new Error(tracked.message);
      expect(await untrackCommitment(econ, planId, tracked.id)).toMatchObject({ status: 403 });
      // A double click: two requests at once track it once, the other is told so.
      const twice = await Promise.all(
        [1, 2].map(() =>
          trackCommitment(coordinator, planId, {
            sectionId: economy.id,
            name: "引进过亿元项目",
            value: "5",
            unit: "个",
            qualifier: "以上",
            source: null,
          }),
        ),
      );
      expect(twice.map((r) => (r.ok ? 200 : r.status)).sort()).toEqual([200, 409]);
      expect(await untrackCommitment(coordinator, planId, tracked.id)).toEqual({
        ok: true,
        name: "新建标准厂房",
      });
      expect(
        (await getPlanProgress(coordinator.townId, planId))!.targets.map((t) => t.name),
      ).not.toContain("新建标准厂房");
      // A plan's target is not a commitment to untrack.
      const target = (await listTargets(coordinator.townId, planId))[0];
      if (target) {
        expect(await untrackCommitment(coordinator, planId, target.id)).toMatchObject({
          status: 404,
        });
      }
    });
  },
  { seed: true },
);
