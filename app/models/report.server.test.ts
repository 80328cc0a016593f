import { strFromU8, unzipSync } from "fflate";
import { expect, it } from "vitest";

import { describeEachDialect, markPublished, personOf } from "~db/testing";

import { markdownToContent } from "~/editor/content.server";

import { exportPlan } from "./export.server";
import { createPlan, getPlan, listTargets, replaceTargets, type TargetInput } from "./plan.server";
import { createReport, refreshReportFigures, reportTargets } from "./report.server";
import { getSection, listSections, saveSectionContent } from "./section.server";
import { enterProgress, getPlanProgress } from "./target-progress.server";
import { applySectionEvent } from "./workflow/section-events.server";

const JULY = new Date("2027-07-20T02:00:00Z");

describeEachDialect(
  "the half-year report drafted from a published plan",
  (t) => {
    /** A 工作计划 of `year` whose first target is the economy office's 引进过亿元项目 5个. */
    async function planWithProjects(year: number, others: TargetInput[] = []) {
      const coordinator = await personOf(t.db, "coordinator");
      const econ = await personOf(t.db, "econ");
      const town = { ...coordinator, townName: "示例镇" };
      const created = await createPlan(town, { year, kind: "工作计划", from: "templates" });
      if (!created.ok) throw new Error(created.message);
      const plan = (await getPlan(coordinator.townId, created.planId))!;
      const projects = {
        name: "引进过亿元项目",
        value: "5",
        unit: "个",
        qualifier: null,
        baseline: null,
        departmentId: econ.departmentId,
      };
      await replaceTargets(coordinator, plan.id, [projects, ...others], plan.version);
      const publish = () => markPublished(t.db, plan.id);
      return { coordinator, econ, town, planId: plan.id, publish };
    }

    it("has the plan's sections and targets with their figures, goes through the workflow and exports", async () => {
      const leader1 = await personOf(t.db, "leader1");
      const { coordinator, econ, town, planId, publish } = await planWithProjects(2027, [
        {
          name: "地区生产总值增长",
          value: "6",
          unit: "%",
          qualifier: "以上",
          baseline: null,
          departmentId: null,
        },
      ]);
      // Before 印发 there is nothing to report on.
      expect(await createReport(town, { kind: "半年总结", sourcePlanId: planId }, JULY)).toEqual({
        ok: false,
        status: 422,
        field: "from",
        message: "计划印发后才能起草上半年工作总结及下半年工作安排。",
      });
      await publish();
      const projects = (await listTargets(coordinator.townId, planId))[0]!.id;
      for (const [period, actual] of [
        ["2027-Q1", 1],
        ["2027-Q2", 2],
      ] as const) {
        const entered = await enterProgress(
          econ,
          planId,
          projects,
          { period, actual, note: null, baseVersion: 0 },
          JULY,
        );
        expect(entered.ok).toBe(true);
      }

      expect(
        await createReport(
          { ...econ, townName: "示例镇" },
          { kind: "半年总结", sourcePlanId: planId },
        ),
      ).toMatchObject({ ok: false, status: 403 });
      const report = await createReport(town, { kind: "半年总结", sourcePlanId: planId }, JULY);
      if (!report.ok) throw new Error(report.message);
      expect(
        await createReport(town, { kind: "半年总结", sourcePlanId: planId }, JULY),
      ).toMatchObject({
        ok: false,
        status: 409,
      });

      const reportPlan = (await getPlan(coordinator.townId, report.planId))!;
      expect(reportPlan).toMatchObject({
        title: "示例镇2027年上半年工作总结及下半年工作安排",
        kind: "半年总结",
        state: "drafting",
      });
      // The plan's sections, with the same offices and leaders, each to be rewritten.
      const sections = await listSections(coordinator.townId, report.planId);
      const planSections = await listSections(coordinator.townId, planId);
      expect(sections.map((s) => [s.title, s.departmentId, s.leaderId])).toEqual(
        planSections.map((s) => [s.title, s.departmentId, s.leaderId]),
      );
      const economy = sections.find((s) => s.departmentId === econ.departmentId)!;
      const draft = (await getSection(coordinator.townId, economy.id))!;
      expect(draft.content).toContain(
        "主要指标：引进过亿元项目：全年目标5个，截至6月底完成2个，占全年目标40%，欠进度。",
      );
      expect(draft.placeholders).toBeGreaterThan(0);
      // The targets, with the figures to date (none reported for growth).
      expect(
        (await listTargets(coordinator.townId, report.planId)).map((t) => [t.name, t.actual]),
      ).toEqual([
        ["引进过亿元项目", "2"],
        ["地区生产总值增长", null],
      ]);
      // A later figure of the plan does not change the report's.
      expect(
        (await getPlanProgress(coordinator.townId, report.planId))!.targets[0]!.figures,
      ).toEqual([]);

      // The same workflow: 【】 left stop the submission; rewritten, it goes to its leader.
      const submit = (version: number) =>
        applySectionEvent(econ, economy.id, { type: "submit", baseVersion: version });
      expect(await submit(draft.version)).toMatchObject({ ok: false, status: 422 });
      const saved = await saveSectionContent(
        econ,
        economy.id,
        markdownToContent("# 聚力项目招引建设\n\n上半年新签约过亿元项目2个，园区道路完工。"),
        draft.version,
      );
      expect(saved.status).toBe("saved");
      const sent = await submit((saved as { version: number }).version);
      expect(sent).toMatchObject({ ok: true, state: "leaderReview" });
      const approved = await applySectionEvent(leader1, economy.id, {
        type: "approve",
        baseVersion: (await getSection(coordinator.townId, economy.id))!.version,
      });
      expect(approved).toMatchObject({ ok: true, state: "approved" });

      // The Word file: 征求意见稿 until approved, with the targets table filled.
      const file = (await exportPlan(coordinator, report.planId, JULY))!;
      expect(file.filename).toBe("示例镇2027年上半年工作总结及下半年工作安排（征求意见稿）.docx");
      const words = (
        strFromU8(unzipSync(file.bytes)["word/document.xml"]!).match(
          /<w:t(?: [^>]*)?>[^<]*<\/w:t>/g,
        ) ?? []
      )
        .map((w) => w.replace(/<[^>]+>/g, ""))
        .join("|");
      for (const expected of [
        "表1　主要指标完成情况",
        "截至6月底",
        "引进过亿元项目|5个|2个|40%|欠进度",
        "地区生产总值增长|6%以上|—|—|未报送",
        "上半年新签约过亿元项目2个，园区道路完工。",
      ]) {
        expect(words).toContain(expected);
      }
    });

    it("next year's plan starts from the year-end summary's 工作打算", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const econ = await personOf(t.db, "econ");
      const town = { ...coordinator, townName: "示例镇" };
      const created = await createPlan(town, { year: 2034, kind: "工作计划", from: "templates" });
      if (!created.ok) throw new Error(created.message);
      await markPublished(t.db, created.planId);
      const summary = await createReport(town, { kind: "年度总结", sourcePlanId: created.planId });
      if (!summary.ok) throw new Error(summary.message);
      const economy = (await listSections(coordinator.townId, summary.planId)).find(
        (s) => s.departmentId === econ.departmentId,
      )!;
      const written = await saveSectionContent(
        econ,
        economy.id,
        markdownToContent(
          "# 聚力项目招引建设\n\n全年新签约过亿元项目5个。\n\n## 2035年工作打算\n\n新引进过亿元项目6个，园区二期开工。",
        ),
        economy.version,
      );
      expect(written.status).toBe("saved");

      expect(
        await createPlan(town, { year: 2036, kind: "工作计划", from: "summary" }),
      ).toMatchObject({
        ok: false,
        status: 422,
        message: expect.stringContaining("2035年工作总结"),
      });
      const next = await createPlan(town, { year: 2035, kind: "工作计划", from: "summary" });
      if (!next.ok) throw new Error(next.message);
      const sections = await listSections(coordinator.townId, next.planId);
      expect(sections.map((s) => s.title)).toEqual(
        (await listSections(coordinator.townId, summary.planId)).map((s) => s.title),
      );
      const nextEconomy = sections.find((s) => s.departmentId === econ.departmentId)!;
      const content = (await getSection(coordinator.townId, nextEconomy.id))!.content;
      expect(content).toContain("新引进过亿元项目6个，园区二期开工。");
      expect(content).not.toContain("全年新签约");
      // Offices that wrote nothing there start from a 【】 to write.
      const other = sections.find((s) => s.departmentId !== econ.departmentId)!;
      expect((await getSection(coordinator.townId, other.id))!.content).toContain(
        "【2035年本领域的工作打算】",
      );
      expect(
        (await listTargets(coordinator.townId, next.planId)).map((t) => t.actual),
      ).not.toContain(expect.any(String));
    });

    it("a year-end summary drafted in December says what its figures are as of, and takes later ones on request", async () => {
      const { coordinator, econ, town, planId, publish } = await planWithProjects(2037);
      await publish();
      const targetId = (await listTargets(coordinator.townId, planId))[0]!.id;
      const DECEMBER = new Date("2037-12-15T02:00:00Z");
      const enter = (period: string, actual: number) =>
        enterProgress(
          econ,
          planId,
          targetId,
          { period, actual, note: null, baseVersion: 0 },
          DECEMBER,
        );
      expect((await enter("2037-Q3", 4)).ok).toBe(true);

      const summary = await createReport(
        town,
        { kind: "年度总结", sourcePlanId: planId },
        DECEMBER,
      );
      if (!summary.ok) throw new Error(summary.message);
      // The third quarter's 4 of 5 is 80% at 75% of the year: on track then, not "全年".
      expect((await reportTargets(coordinator.townId, summary.planId))!.targets).toEqual([
        expect.objectContaining({
          actual: "4个（截至9月底）",
          assessment: expect.objectContaining({ rating: "达进度" }),
        }),
      ]);
      const economy = (await listSections(coordinator.townId, summary.planId)).find(
        (s) => s.departmentId === econ.departmentId,
      )!;
      expect((await getSection(coordinator.townId, economy.id))!.content).toContain(
        "引进过亿元项目：全年目标5个，截至9月底完成4个，占全年目标80%，达进度",
      );

      // The year's figure comes in January; the coordinator takes it into the table.
      expect((await enter("2037-Q4", 5)).ok).toBe(true);
      const { version } = (await getPlan(coordinator.townId, summary.planId))!;
      expect(await refreshReportFigures(econ, summary.planId, version)).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await refreshReportFigures(coordinator, summary.planId, version - 1)).toMatchObject({
        ok: false,
        status: 409,
      });
      expect(await refreshReportFigures(coordinator, summary.planId, version)).toMatchObject({
        ok: true,
      });
      expect((await reportTargets(coordinator.townId, summary.planId))!.targets).toEqual([
        expect.objectContaining({
          actual: "5个",
          assessment: expect.objectContaining({ rating: "达进度", share: 1 }),
        }),
      ]);
      const file = (await exportPlan(coordinator, summary.planId, DECEMBER))!;
      expect(strFromU8(unzipSync(file.bytes)["word/document.xml"]!)).toContain(">5个<");
    });

    it("a report is not opened from another town's plan", async () => {
      const stranger = await personOf(t.db, "coordinator2");
      const coordinator = await personOf(t.db, "coordinator");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2031, kind: "工作计划", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      await markPublished(t.db, created.planId);
      expect(
        await createReport(
          { ...stranger, townName: "另一镇" },
          { kind: "年度总结", sourcePlanId: created.planId },
        ),
      ).toMatchObject({
        ok: false,
        status: 422,
        message: "要总结的计划不存在，或不属于您所在的镇。",
      });
    });
  },
  { seed: true },
);
