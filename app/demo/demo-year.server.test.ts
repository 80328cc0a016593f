import { strFromU8, unzipSync } from "fflate";
import { expect, it } from "vitest";

import { describeEachDialect, personOf } from "~db/testing";

import { exportPlan } from "~/models/export.server";
import { getPlan, getPlanTexts } from "~/models/plan.server";
import { createReport } from "~/models/report.server";
import { getSection, listSections } from "~/models/section.server";
import { getPlanProgress, listProgressTodo } from "~/models/target-progress.server";

import { DEMO_FILL, fillDemo, seedDemoYear } from "./demo-year.server";

// Mid-July: two quarters have ended, the third has not.
const JULY = new Date("2027-07-20T02:00:00Z");

describeEachDialect(
  "the demo town's plan for this year",
  (t) => {
    it("is issued after the whole review, with two quarters' figures confirmed and three commitments tracked", async () => {
      const { planId } = await seedDemoYear(JULY);
      const coordinator = await personOf(t.db, "coordinator");
      const plan = (await getPlan(coordinator.townId, planId))!;
      expect(plan).toMatchObject({
        title: "示例镇2027年工作计划",
        state: "published",
        documentNumber: "示政发〔2027〕3号",
        publishedOn: "2027-02-16",
      });
      // The templates' every 【】 is filled: nothing is left for the reader to wonder at.
      expect((await getPlanTexts(coordinator.townId, planId))!.placeholders).toBe(0);
      for (const section of await listSections(coordinator.townId, planId)) {
        expect((await getSection(coordinator.townId, section.id))!.placeholders).toBe(0);
      }
      const events = await t.db
        .selectFrom("workflowEvents")
        .select("event")
        .where("planId", "=", planId)
        .where("sectionId", "is", null)
        .orderBy("createdAt")
        .execute();
      expect(events.map((e) => e.event)).toEqual([
        "startCompiling",
        "submitToMayor",
        "approve",
        "approve",
        "publish",
      ]);

      const progress = (await getPlanProgress(coordinator.townId, planId))!;
      expect(progress.targets).toHaveLength(8);
      for (const target of progress.targets) {
        expect(target.figures.map((f) => [f.period, f.state])).toEqual([
          ["2027-Q1", "confirmed"],
          ["2027-Q2", "confirmed"],
        ]);
      }
      const projects = progress.targets.find((target) => target.name === "引进过亿元项目")!;
      expect(projects).toMatchObject({
        value: "5",
        unit: "个",
        qualifier: "以上",
        commitment: { source: expect.stringContaining("全年计划引进过亿元项目5个以上") },
        assessment: { rating: "欠进度", actual: 2 },
      });
      // Nothing is late or waiting: the demo's 待办 starts clean.
      expect(await listProgressTodo(await personOf(t.db, "econ"), JULY)).toEqual([]);
      expect(await listProgressTodo(await personOf(t.db, "leader1"), JULY)).toEqual([]);

      // The half-year report drafts from it with the figures in their places.
      const report = await createReport(
        { ...coordinator, townName: "示例镇" },
        { kind: "半年总结", sourcePlanId: planId },
        JULY,
      );
      if (!report.ok) throw new Error(report.message);
      const economy = (await listSections(coordinator.townId, report.planId)).find(
        (s) => s.departmentId === projects.departmentId,
      )!;
      const draft = (await getSection(coordinator.townId, economy.id))!.content;
      expect(draft).toContain(
        "）】引进过亿元项目：全年目标5个以上，截至6月底完成2个，占全年目标40%，欠进度。",
      );
      expect(draft).toContain("主要指标：地区生产总值增长：全年目标6%以上，截至6月底为6%");
      // Its table: the demo's targets are all rates, so no column of 完成比例 dashes.
      const xml = strFromU8(
        unzipSync((await exportPlan(coordinator, report.planId, JULY))!.bytes)[
          "word/document.xml"
        ]!,
      );
      expect(xml).toContain(">截至6月底<");
      expect(xml).toContain(">欠进度<");
      expect(xml).not.toContain("完成比例");
    });

    it("fills only the 【】 it knows", () => {
      expect(fillDemo("依托【园区名称】，引进【未知事项】")).toBe(
        `依托${DEMO_FILL["园区名称"]}，引进【未知事项】`,
      );
    });
  },
  { seed: true },
);
