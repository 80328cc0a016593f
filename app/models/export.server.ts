import { createHash } from "node:crypto";

import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";
import { stateLabel } from "~workflows/labels";
import type { PlanState } from "~workflows/plan";

import { inputFromCopy } from "~/export/copy";
import { fontsFromJson, type FontSettings } from "~/export/fonts";
import { DEFAULT_LIST_STYLE, type ListStyle } from "~/export/lists";
import { publicationFromJson } from "~/export/publication";
import { sectionBlocks } from "~/export/document-diff";
import { type ExportInput, headBlocks } from "~/export/model";
import { renderBlocksDocx, renderPlanDocx } from "~/export/render.server";
import { today } from "~/utils/dates";
import { issuerOf } from "~/utils/issuer";

import type { PolicyUser } from "~/policies/policy";

import { editPlan, type EditResult } from "./plan-edit.server";
import { changesOf, planChanges, type SectionChanges } from "./changes.server";
import { listTargets } from "./plan.server";
import { type Editor, getSection } from "./section.server";
import { publishedCopy } from "./workflow/snapshots.server";

/** The final, unmarked document exists only once the plan is approved. */
const FINAL_STATES = ["approved", "published"];

export function isFinal(planState: string): boolean {
  return FINAL_STATES.includes(planState);
}

/** "示例镇2027年工作计划.docx", or "…（征求意见稿）.docx" for a draft. */
export function exportFilename(title: string, final: boolean): string {
  return `${title}${final ? "" : "（征求意见稿）"}.docx`;
}

/**
 * Everything the document needs, read for the town's plan. A published plan
 * is its 印发稿 (frozen: later renamed departments or new fonts change
 * nothing); any other plan is read as it stands and dated today.
 */
export async function exportInputFor(
  townId: string,
  planId: string,
  now: Date = new Date(),
  { live = false }: { live?: boolean } = {},
) {
  const db = getDb();
  const plan = await db
    .selectFrom("plans")
    .innerJoin("towns", "towns.id", "plans.townId")
    .select([
      "plans.id",
      "plans.title",
      "plans.state",
      "plans.preamble",
      "plans.closing",
      "plans.documentNumber",
      "plans.publishedOn",
      "plans.publication",
      "plans.targetsAsTable",
      "plans.reportPeriod",
      "towns.name as townName",
      "towns.exportFonts",
      "towns.listStyle",
    ])
    .where("plans.id", "=", planId)
    .where("plans.townId", "=", townId)
    .executeTakeFirst();
  if (!plan) return null;
  const final = isFinal(plan.state);
  const summary = { id: plan.id, title: plan.title, state: plan.state, final };
  const copy = plan.state === "published" && !live ? await publishedCopy(townId, planId) : null;
  // How it was issued (版头, 版记, seal), frozen at 印发 like its text.
  const publication = plan.state === "published" ? publicationFromJson(plan.publication) : null;
  if (copy) {
    // A corrected 文号 (an audited correction) is the one thing that may change.
    const input = inputFromCopy(copy, {
      draft: false,
      documentNumber: plan.documentNumber,
      date: plan.publishedOn ?? "",
      issuer: issuerOf,
      townName: plan.townName,
    });
    return { input: { ...input, publication, reportPeriod: plan.reportPeriod }, plan: summary };
  }

  const sections = await db
    .selectFrom("sections")
    .select(["title", "content"])
    .where("planId", "=", planId)
    .where("townId", "=", townId)
    .orderBy("position")
    .execute();
  const targets = await listTargets(townId, planId);
  const input: ExportInput = {
    title: plan.title,
    draft: !final,
    documentNumber: plan.state === "published" ? plan.documentNumber : null,
    preamble: plan.preamble,
    targets: targets.map((t) => ({
      name: t.name,
      value: t.value,
      unit: t.unit,
      qualifier: t.qualifier,
      baseline: t.baseline,
      department: t.departmentName,
      actual: t.actual,
      actualPeriod: t.actualPeriod,
    })),
    targetsAsTable: plan.targetsAsTable === 1,
    reportPeriod: plan.reportPeriod,
    listStyle: plan.listStyle,
    sections,
    closing: plan.closing,
    issuer: issuerOf(plan.townName),
    date: plan.state === "published" && plan.publishedOn ? plan.publishedOn : today(now),
    fonts: fontsFromJson(plan.exportFonts),
    publication,
  };
  return { input, plan: summary };
}

export type ExportFile = { bytes: Uint8Array; filename: string; sha256: string; final: boolean };

/** Renders the plan and keeps the export on the record (who, when, state, hash). */
export async function exportPlan(
  user: Pick<Editor, "id" | "townId">,
  planId: string,
  now: Date = new Date(),
): Promise<ExportFile | null> {
  const found = await exportInputFor(user.townId, planId, now);
  if (!found) return null;
  const bytes = await renderPlanDocx(found.input);
  const filename = exportFilename(found.plan.title, found.plan.final);
  const file = { bytes, filename, documentNumber: found.input.documentNumber };
  return record(user, planId, found.plan, file, now);
}

/**
 * The PDF of the published plan: its Word file exactly as exportPlan makes it,
 * printed by `toPdf` (LibreOffice), and kept on the record as a .pdf with the
 * PDF's own SHA-256. Only the 印发稿: it carries the 文号 and the date of
 * issue, and is what a town posts on its website; an approved plan not yet
 * issued would print without either.
 */
export async function exportPlanPdf(
  user: Pick<Editor, "id" | "townId">,
  planId: string,
  toPdf: (docx: Uint8Array) => Promise<Uint8Array>,
  now: Date = new Date(),
): Promise<ExportFile | TrackedRefusal | null> {
  const found = await exportInputFor(user.townId, planId, now);
  if (!found) return null;
  if (found.plan.state !== "published") {
    return {
      refused: "PDF 只为已印发的计划生成（印发稿，可在网站公开发布）；印发前请导出 Word 文件。",
    };
  }
  const bytes = await toPdf(await renderPlanDocx(found.input));
  const filename = `${found.plan.title}.pdf`;
  const file = { bytes, filename, documentNumber: found.input.documentNumber };
  return record(user, planId, found.plan, file, now);
}

/** Keeps an export on the record: who, when, in which state, which file (name, SHA-256). */
async function record(
  user: Pick<Editor, "id" | "townId">,
  planId: string,
  plan: { state: PlanState; final: boolean },
  file: { bytes: Uint8Array; filename: string; documentNumber: string | null },
  now: Date,
): Promise<ExportFile> {
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  await getDb()
    .insertInto("planExports")
    .values({
      id: newId(),
      townId: user.townId,
      planId,
      userId: user.id,
      planState: plan.state,
      draft: plan.final ? 0 : 1,
      filename: file.filename,
      sha256,
      bytes: file.bytes.length,
      documentNumber: file.documentNumber,
      createdAt: nowIso(now),
    })
    .execute();
  return { bytes: file.bytes, filename: file.filename, sha256, final: plan.final };
}

export async function listExports(townId: string, planId: string, limit = 20) {
  const rows = await getDb()
    .selectFrom("planExports")
    .innerJoin("users", "users.id", "planExports.userId")
    .select([
      "planExports.id",
      "users.displayName as by",
      "planExports.createdAt as at",
      "planExports.planState",
      "planExports.draft",
      "planExports.filename",
      "planExports.sha256",
      "planExports.documentNumber",
    ])
    .where("planExports.townId", "=", townId)
    .where("planExports.planId", "=", planId)
    .orderBy("planExports.createdAt", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ planState, draft, ...row }) => ({
    ...row,
    stateLabel: stateLabel(planState, false),
    draft: draft === 1,
  }));
}

/** How a town prints unnumbered list items. */
export async function getListStyle(townId: string): Promise<ListStyle> {
  const town = await getDb()
    .selectFrom("towns")
    .select("listStyle")
    .where("id", "=", townId)
    .executeTakeFirst();
  return town?.listStyle ?? DEFAULT_LIST_STYLE;
}

export async function setListStyle(townId: string, listStyle: ListStyle): Promise<void> {
  await getDb().updateTable("towns").set({ listStyle }).where("id", "=", townId).execute();
}

/** A town's font names for the export. */
export async function getExportFonts(townId: string): Promise<FontSettings> {
  const town = await getDb()
    .selectFrom("towns")
    .select("exportFonts")
    .where("id", "=", townId)
    .executeTakeFirst();
  return fontsFromJson(town?.exportFonts);
}

export async function setExportFonts(townId: string, fonts: FontSettings): Promise<void> {
  await getDb()
    .updateTable("towns")
    .set({ exportFonts: JSON.stringify(fonts) })
    .where("id", "=", townId)
    .execute();
}

export async function getTargetsAsTable(townId: string, planId: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("plans")
    .select("targetsAsTable")
    .where("id", "=", planId)
    .where("townId", "=", townId)
    .executeTakeFirst();
  return row?.targetsAsTable === 1;
}

/** Whether 主要预期目标 also print as a table (the coordinator ticks it, before publication). */
export async function setTargetsAsTable(
  user: PolicyUser & { townId: string },
  planId: string,
  asTable: boolean,
  baseVersion: number,
): Promise<EditResult> {
  return editPlan(user, planId, baseVersion, "plan.setExportOptions", async (trx) => {
    await trx
      .updateTable("plans")
      .set({ targetsAsTable: asTable ? 1 : 0 })
      .where("id", "=", planId)
      .where("townId", "=", user.townId)
      .execute();
  });
}

/** Content-Disposition for a Chinese file name (RFC 6266 / 5987), with an ASCII fallback. */
export function contentDisposition(filename: string): string {
  // Old clients that ignore filename* get the ASCII part ("2027.docx").
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "") || "plan.docx";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A 修订稿 asked for: the whole plan, or one section; since a 存档稿 (or the person's default). */
export type TrackedRequest = { sectionId?: string; since: string | null };

export type TrackedRefusal = { refused: string };

/**
 * 修订稿: the plan (or one of its sections) with every change since the
 * baseline as Word tracked changes (w:ins / w:del with the author and time),
 * in the same layout as the plain export; accepting every change in Word gives
 * the text as it stands. Kept on the export record like any export.
 */
export async function exportTracked(
  user: PolicyUser & { townId: string },
  planId: string,
  request: TrackedRequest,
  now: Date = new Date(),
): Promise<ExportFile | TrackedRefusal | null> {
  const found = await exportInputFor(user.townId, planId, now, { live: true });
  if (!found) return null;
  const sections: { title: string; content: string; position: number }[] = [];
  if (request.sectionId) {
    const section = await getSection(user.townId, request.sectionId);
    if (!section || section.planId !== planId) return null;
    const changes = await changesOf(user, section, request.since);
    if (!changes) return { refused: "没有找到作为比较起点的存档稿或修改历史版本。" };
    sections.push(annotatedSection(section, changes));
  } else {
    const plan = await planChanges(user, planId, request.since);
    if ("refused" in plan) return plan;
    for (const { section, changes } of plan.sections) {
      sections.push(annotatedSection(section, changes));
    }
  }
  const input: ExportInput = {
    ...found.input,
    draft: true,
    draftMarker: "（修订稿）",
    documentNumber: null,
    sections,
  };
  const one = request.sectionId ? sections[0]! : null;
  const bytes = one
    ? await renderBlocksDocx(
        [
          ...headBlocks(input),
          ...sectionBlocks(one.content, { position: one.position, listStyle: input.listStyle }),
        ],
        input,
      )
    : await renderPlanDocx(input);
  const filename = `${found.plan.title}${one ? `·${one.title}` : ""}（修订稿）.docx`;
  // A 修订稿 is a working copy, never the final document.
  const file = { bytes, filename, documentNumber: null };
  return record(user, planId, { state: found.plan.state, final: false }, file, now);
}

/** A section as the 修订稿 prints it: its text with the changes marked. */
function annotatedSection(
  section: { title: string; position: number },
  changes: SectionChanges,
): { title: string; content: string; position: number } {
  return {
    title: section.title,
    content: JSON.stringify(changes.tracked.annotated),
    position: section.position,
  };
}

/** The plain export, or the 修订稿 when the query asks for it. */
export function exportRequested(
  user: PolicyUser & { townId: string },
  planId: string,
  query: { tracked?: string; section?: string; since: string | null },
) {
  const tracked = query.tracked === "1" || query.tracked === "true";
  if (!tracked) return exportPlan(user, planId);
  return exportTracked(user, planId, { sectionId: query.section, since: query.since });
}
