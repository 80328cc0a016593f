import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, afterEach, expect, it } from "vitest";

import { describeEachDialect, personOf } from "~db/testing";

import { call } from "~/api/testing";
import {
  createPdfConverter,
  PDF_UNAVAILABLE,
  setPdfConverterForTesting,
} from "~/export/pdf.server";
import * as apiExportPdf from "~/routes/api.v1.plans.$planId.export[.]pdf";
import * as pageExportPdf from "~/routes/plans.$planId.export[.]pdf";
import { createToken } from "~/models/api-token.server";
import { today } from "~/utils/dates";
import { createSession } from "~/utils/session.server";
import { planEventSchema } from "~/utils/workflow-validation";

import { exportPlan, exportPlanPdf, listExports } from "./export.server";
import { createPlan } from "./plan.server";
import { applyPlanEvent, planEventFacts } from "./workflow/plan-events.server";

// The PDF of the published plan: the model (which file, which plans, the
// record) and both routes (refusals in Chinese, the file and its headers).
// LibreOffice itself is pdf.server.test.ts's business: here a stand-in prints.

const work = mkdtempSync(join(tmpdir(), "export-pdf-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => setPdfConverterForTesting(undefined));

/** A stand-in for soffice: the "PDF" is "%PDF-fake\n" and the Word file's bytes. */
const fakeSoffice = join(work, "soffice");
writeFileSync(
  fakeSoffice,
  `#!/bin/sh
out=""; prev=""
for a in "$@"; do if [ "$prev" = "--outdir" ]; then out="$a"; fi; prev="$a"; last="$a"; done
{ printf '%%PDF-fake\\n'; cat "$last"; } > "$out/$(basename "$last" .docx).pdf"
`,
);
chmodSync(fakeSoffice, 0o755);

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const PDF_HEADER = new TextEncoder().encode("%PDF-fake\n");

describeEachDialect(
  "PDF export",
  (t) => {
    let planId = "";
    let cookie = "";
    let token = "";
    const page = (id = planId) =>
      call(
        { loader: pageExportPdf.loader, action: pageExportPdf.loader },
        { path: `/plans/${id}/export.pdf`, params: { planId: id }, cookie },
      );
    const api = (id = planId) =>
      call(apiExportPdf, {
        path: `/api/v1/plans/${id}/export.pdf`,
        params: { planId: id },
        token,
      });

    it("a plan not yet published has no PDF: refused in Chinese, nothing recorded", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2033, kind: "工作计划", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      planId = created.planId;
      const econ = await personOf(t.db, "econ");
      cookie = (await createSession(new Request("http://localhost/"), econ.id)).split(";")[0]!;
      token = (await createToken(econ.id, "pdf")).token;

      let converted = 0;
      const toPdf = async (docx: Uint8Array) => {
        converted += 1;
        return docx;
      };
      expect(await exportPlanPdf(econ, planId, toPdf)).toEqual({
        refused: "PDF 只为已印发的计划生成（印发稿，可在网站公开发布）；印发前请导出 Word 文件。",
      });
      // Approved is final, but not issued: no 文号, no date of issue.
      await t.db.updateTable("plans").set({ state: "approved" }).where("id", "=", planId).execute();
      expect(await exportPlanPdf(econ, planId, toPdf)).toHaveProperty("refused");
      expect(converted).toBe(0);
      expect(await listExports(econ.townId, planId)).toEqual([]);

      setPdfConverterForTesting(createPdfConverter({ command: fakeSoffice, cacheDir: null }));
      const refused = await page();
      expect(refused.status).toBe(409);
      expect(await refused.response.text()).toContain("PDF 只为已印发的计划生成");
      const refusedApi = await api();
      expect(refusedApi.status).toBe(409);
      expect(refusedApi.json.error).toMatchObject({ code: "conflict" });
      expect(refusedApi.json.error.message).toContain("印发前请导出 Word 文件");
    });

    it("the published plan prints its exact Word file; the download is recorded as a .pdf with the PDF's hash", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const { version } = await t.db
        .selectFrom("plans")
        .select("version")
        .where("id", "=", planId)
        .executeTakeFirstOrThrow();
      const day = today();
      const facts = (await planEventFacts(coordinator.townId, planId))!;
      const publish = planEventSchema(facts).parse({
        type: "publish",
        baseVersion: version,
        documentNumber: `示政发〔${day.slice(0, 4)}〕5号`,
        date: day,
      });
      expect(await applyPlanEvent(coordinator, planId, publish)).toMatchObject({ ok: true });

      const mayor = await personOf(t.db, "mayor");
      const word = await exportPlan(mayor, planId);
      let given: Uint8Array | null = null;
      const pdf = await exportPlanPdf(mayor, planId, async (docx) => {
        given = docx;
        return new Uint8Array([...PDF_HEADER, ...docx]);
      });
      expect(sha256(given!)).toBe(word!.sha256);
      expect(pdf).toMatchObject({
        filename: "示例镇2033年工作计划.pdf",
        final: true,
        sha256: sha256(pdf && "bytes" in pdf ? pdf.bytes : new Uint8Array()),
      });
      const [latest, before] = await listExports(mayor.townId, planId);
      expect(latest).toMatchObject({
        filename: "示例镇2033年工作计划.pdf",
        sha256: (pdf as { sha256: string }).sha256,
        documentNumber: `示政发〔${day.slice(0, 4)}〕5号`,
        stateLabel: "已印发",
        draft: false,
      });
      expect(before).toMatchObject({ filename: "示例镇2033年工作计划.docx", sha256: word!.sha256 });
      expect(latest!.sha256).not.toBe(word!.sha256);

      // Both routes answer the PDF with its Chinese name.
      setPdfConverterForTesting(createPdfConverter({ command: fakeSoffice, cacheDir: null }));
      for (const answer of [await page(), await api()]) {
        expect(answer.status).toBe(200);
        const headers = answer.response.headers;
        expect(headers.get("Content-Type")).toBe("application/pdf");
        expect(headers.get("Content-Disposition")).toBe(
          `attachment; filename="2033.pdf"; filename*=UTF-8''${encodeURIComponent("示例镇2033年工作计划.pdf")}`,
        );
        const body = new Uint8Array(await answer.response.arrayBuffer());
        expect(headers.get("X-Content-SHA256")).toBe(sha256(body));
        expect(body).toEqual(new Uint8Array([...PDF_HEADER, ...given!]));
      }
      expect((await listExports(mayor.townId, planId)).slice(0, 2)).toMatchObject([
        { by: "王强", filename: "示例镇2033年工作计划.pdf" },
        { by: "王强", filename: "示例镇2033年工作计划.pdf" },
      ]);
    });

    it("without LibreOffice both routes answer 503 in Chinese and record nothing", async () => {
      const econ = await personOf(t.db, "econ");
      const before = (await listExports(econ.townId, planId)).length;
      setPdfConverterForTesting(
        createPdfConverter({ command: join(work, "not-installed", "soffice"), cacheDir: null }),
      );
      const refused = await page();
      expect(refused.status).toBe(503);
      expect(await refused.response.text()).toContain(PDF_UNAVAILABLE);
      const refusedApi = await api();
      expect(refusedApi.status).toBe(503);
      expect(refusedApi.json.error).toEqual({ code: "unavailable", message: PDF_UNAVAILABLE });
      expect((await listExports(econ.townId, planId)).length).toBe(before);
    });

    it("another town's plan, or an id that is no id, is not found", async () => {
      setPdfConverterForTesting(createPdfConverter({ command: fakeSoffice, cacheDir: null }));
      const stranger = await personOf(t.db, "coordinator2");
      expect(await exportPlanPdf(stranger, planId, async (docx) => docx)).toBeNull();
      token = (await createToken(stranger.id, "pdf")).token;
      cookie = (await createSession(new Request("http://localhost/"), stranger.id)).split(";")[0]!;
      expect((await page()).status).toBe(404);
      expect((await api()).status).toBe(404);
      for (const id of ["../../etc/passwd", "a b", "x".repeat(65)]) {
        expect((await page(id)).status).toBe(404);
        expect((await api(id)).status).toBe(404);
      }
    });
  },
  { seed: true },
);
