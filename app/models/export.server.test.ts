import { strFromU8, unzipSync } from "fflate";
import { expect, it } from "vitest";

import { describeEachDialect, personOf } from "~db/testing";

import { FONT_PRESETS } from "~/export/fonts";
import { today } from "~/utils/dates";
import { planEventSchema } from "~/utils/workflow-validation";

import { renameDepartment } from "./department.server";
import {
  contentDisposition,
  exportFilename,
  exportPlan,
  listExports,
  setExportFonts,
} from "./export.server";
import { createPlan, listTargets, replaceTargets } from "./plan.server";
import { getPublishing, setPublishing } from "./publishing.server";
import { applyPlanEvent, planEventFacts } from "./workflow/plan-events.server";
import { listPlanEvents } from "./workflow/record.server";

describeEachDialect(
  "Word export",
  (t) => {
    let planId = "";

    it("anyone of the town exports a draft, marked and named as such, and it is recorded", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
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

    it("印发 checks the 文号 and the date, then freezes the document for good", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const econOffice = coordinator.departmentId; // any department of the town will do
      const version = async () =>
        (
          await t.db
            .selectFrom("plans")
            .select("version")
            .where("id", "=", planId)
            .executeTakeFirstOrThrow()
        ).version;
      const [target] = await listTargets(coordinator.townId, planId);
      await replaceTargets(
        coordinator,
        planId,
        [{ ...target!, departmentId: econOffice }],
        await version(),
      );
      // The way there (sections, leaders, mayor, committee) is the workflow tests' business.
      await t.db.updateTable("plans").set({ state: "approved" }).where("id", "=", planId).execute();

      const day = today();
      const year = day.slice(0, 4);
      const publish = async (fields: object) => {
        const facts = (await planEventFacts(coordinator.townId, planId))!;
        const parsed = planEventSchema(facts).safeParse({
          type: "publish",
          baseVersion: await version(),
          ...fields,
        });
        if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
        return applyPlanEvent(coordinator, planId, parsed.data);
      };
      expect(await publish({ documentNumber: `示政发(${year})3号`, date: day })).toMatchObject({
        ok: false,
        message: expect.stringContaining("示政发〔2027〕1号"),
      });
      expect(
        await publish({ documentNumber: `示政发〔${year}〕3号`, date: "2099-01-01" }),
      ).toMatchObject({ ok: false });
      expect(await publish({ documentNumber: `示政发〔${year}〕3号`, date: day })).toMatchObject({
        ok: true,
        state: "published",
      });

      const mayor = await personOf(t.db, "mayor");
      const first = await exportPlan(mayor, planId, new Date("2031-02-01T02:00:00Z"));
      expect(first).toMatchObject({ filename: "示例镇2031年工作要点.docx", final: true });
      const departmentBefore = (await listTargets(mayor.townId, planId))[0]!.departmentName;

      // Later changes of the town do not reach the published document.
      await renameDepartment(coordinator.townId, econOffice!, "党政综合办公室（新）");
      await setExportFonts(coordinator.townId, FONT_PRESETS.windows.fonts);
      const second = await exportPlan(mayor, planId, new Date("2031-03-05T09:00:00Z"));
      expect(second!.sha256).toBe(first!.sha256);
      expect((await listTargets(mayor.townId, planId))[0]!.departmentName).toBe(departmentBefore);
      const [latest] = await listExports(mayor.townId, planId);
      expect(latest!.documentNumber).toBe(`示政发〔${year}〕3号`);
    });

    it("only an administrator corrects a wrong 文号, on the record; the export carries the new one", async () => {
      const admin = await personOf(t.db, "admin");
      const coordinator = await personOf(t.db, "coordinator");
      const year = today().slice(0, 4);
      const { version } = await t.db
        .selectFrom("plans")
        .select("version")
        .where("id", "=", planId)
        .executeTakeFirstOrThrow();
      const correction = {
        type: "correctDocumentNumber" as const,
        documentNumber: `示政发〔${year}〕4号`,
        reason: "登记簿中3号已被占用。",
        baseVersion: version,
      };
      expect(await applyPlanEvent(coordinator, planId, correction)).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await applyPlanEvent(admin, planId, correction)).toMatchObject({
        ok: true,
        state: "published",
      });
      const { events } = await listPlanEvents(admin.townId, planId, {
        event: "correctDocumentNumber",
      });
      expect(events[0]).toMatchObject({
        actorName: "周敏",
        reason: "登记簿中3号已被占用。",
        note: `文号由 示政发〔${year}〕3号 更正为 示政发〔${year}〕4号`,
      });
      const file = await exportPlan(admin, planId, new Date("2031-04-01T02:00:00Z"));
      const [latest] = await listExports(admin.townId, planId);
      expect(latest).toMatchObject({
        documentNumber: `示政发〔${year}〕4号`,
        sha256: file!.sha256,
      });
    });

    it("印发 文件式 freezes the red head and 版记 with the town's names as they were", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2032, kind: "工作计划", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      const id = created.planId;
      await setPublishing(coordinator.townId, {
        ...(await getPublishing(coordinator.townId)),
        copyTo: "县委办公室、县政府办公室",
      });
      await t.db.updateTable("plans").set({ state: "approved" }).where("id", "=", id).execute();
      const day = today();
      const publish = async (fields: object) => {
        const facts = (await planEventFacts(coordinator.townId, id))!;
        const { version } = await t.db
          .selectFrom("plans")
          .select("version")
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        const parsed = planEventSchema(facts).safeParse({
          type: "publish",
          baseVersion: version,
          documentNumber: `示政发〔${day.slice(0, 4)}〕5号`,
          date: day,
          ...fields,
        });
        if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
        return applyPlanEvent(coordinator, id, parsed.data);
      };
      expect(await publish({ format: "redhead" })).toEqual({
        ok: false,
        message: "请选择印发格式：普通、文件式或通知式",
      });
      expect(
        await publish({ format: "file", issuer: "joint", sealed: "on", publicRelease: "on" }),
      ).toMatchObject({ ok: true, state: "published" });

      const text = async () => {
        const file = await exportPlan(coordinator, id, new Date("2032-02-01T02:00:00Z"));
        const xml = strFromU8(unzipSync(file!.bytes)["word/document.xml"]!);
        return {
          sha256: file!.sha256,
          words: (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? [])
            .map((w) => w.replace(/<[^>]+>/g, ""))
            .join("|"),
        };
      };
      const first = await text();
      for (const expected of [
        "中共示例镇委员会|示例镇人民政府|文件",
        `示政发〔${day.slice(0, 4)}〕5号`,
        "（此件公开发布）",
        "抄送：县委办公室，县政府办公室。",
        "示例镇党政办公室",
      ]) {
        expect(first.words).toContain(expected);
      }
      // The town renames its bodies and lists later: the issued file does not change.
      await setPublishing(coordinator.townId, {
        ...(await getPublishing(coordinator.townId)),
        governmentName: "示例镇人民政府（新）",
        copyTo: "县委组织部",
      });
      expect((await text()).sha256).toBe(first.sha256);
      await t.db.updateTable("towns").set({ publishing: null }).execute();
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
