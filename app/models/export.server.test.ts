import { expect, it } from "vitest";

import { describeEachDialect, personOf } from "~db/testing";

import { contentDisposition, exportFilename, exportPlan, listExports } from "./export.server";
import { createPlan } from "./plan.server";

describeEachDialect(
  "Word export",
  (t) => {
    let planId = "";

    it("anyone of the town exports a draft, marked and named as such, and it is recorded", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const created = await createPlan(
        { id: coordinator.id, townId: coordinator.townId, townName: "示例镇" },
        { year: 2031, kind: "工作要点", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      planId = created.planId;
      const agri = await personOf(t.db, "agri");
      const file = await exportPlan(agri, planId, new Date("2030-12-01T02:00:00Z"));
      expect(file).toMatchObject({
        filename: "示例镇2031年工作要点（征求意见稿）.docx",
        final: false,
      });
      const [record] = await listExports(agri.townId, planId);
      expect(record).toMatchObject({
        by: "刘洋",
        stateLabel: "起草中",
        draft: true,
        sha256: file!.sha256,
      });
    });

    it("a published plan exports final and byte-stable, dated by its publication", async () => {
      await t.db
        .updateTable("plans")
        .set({
          state: "published",
          documentNumber: "示政发〔2031〕2号",
          publishedOn: "2031-01-20",
        })
        .where("id", "=", planId)
        .execute();
      const mayor = await personOf(t.db, "mayor");
      const first = await exportPlan(mayor, planId, new Date("2031-02-01T02:00:00Z"));
      const second = await exportPlan(mayor, planId, new Date("2031-03-05T09:00:00Z"));
      expect(first).toMatchObject({ filename: "示例镇2031年工作要点.docx", final: true });
      expect(second!.sha256).toBe(first!.sha256);
      expect(await listExports(mayor.townId, planId)).toHaveLength(3);
    });

    it("another town's plan does not export (nor reveal that it exists)", async () => {
      const stranger = await personOf(t.db, "coordinator2");
      expect(await exportPlan(stranger, planId)).toBeNull();
      expect(await listExports(stranger.townId, planId)).toEqual([]);
    });
  },
  { seed: true },
);

it("names the file after the plan and encodes it for the Content-Disposition header", () => {
  expect(exportFilename("示例镇2027年工作计划", false)).toBe(
    "示例镇2027年工作计划（征求意见稿）.docx",
  );
  expect(contentDisposition("示例镇2027年工作计划.docx")).toBe(
    `attachment; filename="2027.docx"; filename*=UTF-8''${encodeURIComponent("示例镇2027年工作计划.docx")}`,
  );
});
