import { createHash } from "node:crypto";

import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";
import { stateLabel } from "~workflows/labels";

import { fontsFromJson, type FontSettings } from "~/export/fonts";
import type { ExportInput } from "~/export/model";
import { renderPlanDocx } from "~/export/render.server";
import { formatDateKey } from "~/utils/format";

import { listTargets } from "./plan.server";
import type { Editor } from "./section.server";

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
 * is dated by its publication day (so its export never changes); any other
 * by today.
 */
export async function exportInputFor(townId: string, planId: string, now: Date = new Date()) {
  const db = getDb();
  const plan = await db
    .selectFrom("plans")
    .innerJoin("towns", "towns.id", "plans.town_id")
    .select([
      "plans.id",
      "plans.title",
      "plans.state",
      "plans.preamble",
      "plans.closing",
      "plans.document_number",
      "plans.published_on",
      "plans.targets_as_table",
      "towns.name as town_name",
      "towns.export_fonts",
    ])
    .where("plans.id", "=", planId)
    .where("plans.town_id", "=", townId)
    .executeTakeFirst();
  if (!plan) return null;
  const sections = await db
    .selectFrom("sections")
    .select(["title", "content"])
    .where("plan_id", "=", planId)
    .where("town_id", "=", townId)
    .orderBy("position")
    .execute();
  const targets = await listTargets(townId, planId);
  const final = isFinal(plan.state);
  const input: ExportInput = {
    title: plan.title,
    draft: !final,
    documentNumber: plan.state === "published" ? plan.document_number : null,
    preamble: plan.preamble,
    targets: targets.map((t) => ({
      name: t.name,
      value: t.value,
      unit: t.unit,
      qualifier: t.qualifier,
      baseline: t.baseline,
      department: t.departmentName,
    })),
    targetsAsTable: plan.targets_as_table === 1,
    sections,
    closing: plan.closing,
    issuer: `${plan.town_name}人民政府`,
    date: plan.state === "published" && plan.published_on ? plan.published_on : formatDateKey(now),
    fonts: fontsFromJson(plan.export_fonts),
  };
  return { input, plan: { id: plan.id, title: plan.title, state: plan.state, final } };
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
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const filename = exportFilename(found.plan.title, found.plan.final);
  await getDb()
    .insertInto("plan_exports")
    .values({
      id: newId(),
      town_id: user.townId,
      plan_id: planId,
      user_id: user.id,
      plan_state: found.plan.state,
      draft: found.plan.final ? 0 : 1,
      filename,
      sha256,
      bytes: bytes.length,
      created_at: nowIso(now),
    })
    .execute();
  return { bytes, filename, sha256, final: found.plan.final };
}

export async function listExports(townId: string, planId: string, limit = 20) {
  const rows = await getDb()
    .selectFrom("plan_exports")
    .innerJoin("users", "users.id", "plan_exports.user_id")
    .select([
      "plan_exports.id",
      "plan_exports.plan_state",
      "plan_exports.draft",
      "plan_exports.filename",
      "plan_exports.sha256",
      "plan_exports.created_at",
      "users.display_name",
    ])
    .where("plan_exports.town_id", "=", townId)
    .where("plan_exports.plan_id", "=", planId)
    .orderBy("plan_exports.created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    by: row.display_name,
    at: row.created_at,
    stateLabel: stateLabel(row.plan_state, false),
    draft: row.draft === 1,
    filename: row.filename,
    sha256: row.sha256,
  }));
}

/** A town's font names for the export. */
export async function getExportFonts(townId: string): Promise<FontSettings> {
  const town = await getDb()
    .selectFrom("towns")
    .select("export_fonts")
    .where("id", "=", townId)
    .executeTakeFirst();
  return fontsFromJson(town?.export_fonts);
}

export async function setExportFonts(townId: string, fonts: FontSettings): Promise<void> {
  await getDb()
    .updateTable("towns")
    .set({ export_fonts: JSON.stringify(fonts) })
    .where("id", "=", townId)
    .execute();
}

export async function getTargetsAsTable(townId: string, planId: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("plans")
    .select("targets_as_table")
    .where("id", "=", planId)
    .where("town_id", "=", townId)
    .executeTakeFirst();
  return row?.targets_as_table === 1;
}

/** Whether 主要预期目标 also print as a table (the coordinator ticks it). */
export async function setTargetsAsTable(townId: string, planId: string, asTable: boolean) {
  const result = await getDb()
    .updateTable("plans")
    .set({ targets_as_table: asTable ? 1 : 0 })
    .where("id", "=", planId)
    .where("town_id", "=", townId)
    .where("state", "!=", "published")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Content-Disposition for a Chinese file name (RFC 6266 / 5987), with an ASCII fallback. */
export function contentDisposition(filename: string): string {
  // Old clients that ignore filename* get the ASCII part ("2027.docx").
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "") || "plan.docx";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
