import type { Kysely } from "kysely";

import { getDb } from "~db/client";
import type { Database } from "~db/schema";
import { newId, nowIso } from "~db/time";
import { stateLabel } from "~workflows/labels";
import type { PlanState } from "~workflows/plan";
import {
  fillTemplate,
  loadPlanTemplate,
  loadSectionTemplates,
  loadTargetTemplates,
  type PlanKind,
} from "~templates/index";

import { markdownToContent } from "~/editor/content.server";
import { blocksToContent } from "~/import/content.server";
import type { ImportedBlock } from "~/import/plan-text";
import type { ImportedTarget } from "~/import/targets";
import { blocksOf } from "~/editor/diff";
import { countPlaceholders } from "~/editor/nodes";
import { markYearPhrasesInContent } from "~/editor/year-phrases";
import { can, type PolicyUser } from "~/policies/policy";
import { nextYearPart } from "~/progress/report-draft";
import { addDays, addYears, today } from "~/utils/dates";

import { editPlan, type EditResult } from "./plan-edit.server";
import { insertSection } from "./section.server";
import { publishedCopy } from "./workflow/snapshots.server";

export interface PlanSummary {
  id: string;
  year: number;
  kind: string;
  title: string;
  state: PlanState;
  stateLabel: string;
  /** Raised by every plan event and edit; events and edits name the version they saw. */
  version: number;
  documentNumber: string | null;
  publishedOn: string | null;
  updatedAt: string;
}

function planSummaries(townId: string) {
  return getDb()
    .selectFrom("plans")
    .select([
      "id",
      "year",
      "kind",
      "title",
      "state",
      "version",
      "documentNumber",
      "publishedOn",
      "updatedAt",
    ])
    .where("townId", "=", townId);
}

function withStateLabel<T extends { state: PlanState }>(row: T): T & { stateLabel: string } {
  return { ...row, stateLabel: stateLabel(row.state, false) };
}

/** The town's plans, newest year first. */
export async function listPlans(townId: string): Promise<PlanSummary[]> {
  const rows = await planSummaries(townId).orderBy("year", "desc").orderBy("kind").execute();
  return rows.map(withStateLabel);
}

/** One plan of the town, or null (also when the id belongs to another town). */
export async function getPlan(townId: string, planId: string): Promise<PlanSummary | null> {
  const row = await planSummaries(townId).where("id", "=", planId).executeTakeFirst();
  return row ? withStateLabel(row) : null;
}

/** `summary`: last year's 年度总结, its sections' "{year}年工作打算" parts (report-draft.ts). */
export type PlanSource = "templates" | "previous" | "summary" | "import";

/** What an import brings: the preview (app/import/plan-text.ts) as the coordinator confirmed it. */
export interface ImportedPlan {
  preamble: string[];
  closing: string[];
  targets: ImportedTarget[];
  sections: {
    title: string;
    kind: string;
    blocks: ImportedBlock[];
    /** Chosen in the preview (checked by the caller); absent: the town's default for the kind. */
    departmentId?: string | null;
    leaderId?: string | null;
  }[];
}

export type CreatePlanResult =
  | { ok: true; planId: string }
  | {
      ok: false;
      /** 403: not the coordinator; 409: the plan exists already; 422: no plan to carry over. */
      status: 403 | 409 | 422;
      field: "year" | "kind" | "from" | null;
      message: string;
    };

/** The default deadline for sections: four weeks from today (Beijing), as YYYY-MM-DD. */
export function defaultDeadline(now: Date = new Date()): string {
  return addDays(today(now), 28);
}

/** Last year's deadline moved to this year, or the default when that day has passed. */
export function carriedDeadline(previous: string | null, now: Date = new Date()): string {
  const moved = previous ? addYears(previous, 1) : null;
  return moved && moved >= today(now) ? moved : defaultDeadline(now);
}

function alreadyExists(input: { year: number; kind: string }): CreatePlanResult {
  return {
    ok: false,
    status: 409,
    field: "year",
    message: `${input.year}年${input.kind}已经建立，不能重复创建`,
  };
}

/**
 * Opens a town's plan for a year, either from the templates (six sections,
 * default targets, preamble and closing) or by carrying over last year's plan
 * of the same kind: sections with their assignments and text, and targets —
 * with nothing of last year passing unnoticed: deadlines move to this year,
 * last year's words in the preamble and closing become 【】 again, and
 * 上年实际 starts empty.
 */
export async function createPlan(
  creator: PolicyUser & { townId: string; townName: string },
  input: { year: number; kind: PlanKind; from: PlanSource; imported?: ImportedPlan },
  now: Date = new Date(),
): Promise<CreatePlanResult> {
  const allowed = can(creator, "plan.create", null);
  if (!allowed.ok) return { ok: false, status: 403, field: null, message: allowed.refusal.message };
  const db = getDb();
  if (await planExists(creator.townId, input.year, input.kind)) return alreadyExists(input);
  const fill = (text: string) =>
    fillTemplate(text, { townName: creator.townName, year: input.year, kind: input.kind });
  const skeleton = loadPlanTemplate();
  const at = nowIso(now);
  const planId = newId();
  const imported = input.from === "import" ? input.imported : undefined;
  if (input.from === "import" && (!imported || imported.sections.length === 0)) {
    return {
      ok: false,
      status: 422,
      field: "from",
      message: "导入的文件中没有识别出章节，无法建立计划",
    };
  }
  // Imported texts when there are any; else the template's, with its 【】 to fill.
  const ownText = (lines: string[] | undefined, template: string) =>
    lines?.length
      ? paragraphsToContent(lines.join("\n"))
      : JSON.stringify(markdownToContent(fill(template)));

  let previous:
    | { id: string; preamble: string | null; closing: string | null; deadline: string | null }
    | undefined;
  const fromSummary = input.from === "summary";
  if (input.from === "previous" || fromSummary) {
    previous = await db
      .selectFrom("plans")
      .select(["id", "preamble", "closing", "deadline"])
      .where("townId", "=", creator.townId)
      .where("year", "=", input.year - 1)
      .where("kind", "=", fromSummary ? "年度总结" : input.kind)
      .executeTakeFirst();
    if (!previous) {
      return {
        ok: false,
        status: 422,
        field: "from",
        message: fromSummary
          ? `没有找到${input.year - 1}年工作总结，无法从中起草，请选择其他创建方式`
          : `没有找到${input.year - 1}年${input.kind}，无法沿用上年计划，请选择“从模板创建”`,
      };
    }
    // A summary's own opening and closing look back; the plan's are written afresh.
    if (fromSummary) previous = { ...previous, preamble: null, closing: null };
  }

  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("plans")
        .values({
          id: planId,
          townId: creator.townId,
          year: input.year,
          kind: input.kind,
          title: fill(skeleton.titlePattern),
          state: "drafting",
          documentNumber: null,
          publishedOn: null,
          deadline: carriedDeadline(previous?.deadline ?? null, now),
          preamble: previous?.preamble
            ? markYearPhrasesInContent(previous.preamble, input.year - 1, input.year)
            : ownText(imported?.preamble, skeleton.preamble),
          closing: previous?.closing
            ? markYearPhrasesInContent(previous.closing, input.year - 1, input.year)
            : ownText(imported?.closing, skeleton.closing),
          createdBy: creator.id,
          createdAt: at,
          updatedAt: at,
        })
        .execute();

      const sections = previous
        ? await trx
            .selectFrom("sections")
            .select([
              "kind",
              "position",
              "title",
              "departmentId",
              "leaderId",
              "content",
              "deadline",
            ])
            .where("planId", "=", previous.id)
            .orderBy("position")
            .execute()
        : imported
          ? await importedSections(trx, creator.townId, imported)
          : await sectionsFromTemplates(trx, creator.townId);
      for (const section of sections) {
        await insertSection(trx, {
          ...section,
          // From a summary: what each office wrote for this year, or a 【】 to write it.
          content: fromSummary
            ? (nextYearPart(section.content, input.year) ??
              JSON.stringify(
                markdownToContent(`# ${section.title}\n\n【${input.year}年本领域的工作计划】`),
              ))
            : section.content,
          planId,
          townId: creator.townId,
          deadline: carriedDeadline(section.deadline, now),
          author: creator.id,
          reason: fromSummary
            ? `由${input.year - 1}年工作总结中的工作打算生成`
            : previous
              ? `沿用${input.year - 1}年计划`
              : imported
                ? "由导入生成"
                : "由模板生成",
          now,
        });
      }

      const targets = previous
        ? await trx
            .selectFrom("targets")
            .select(["name", "value", "unit", "qualifier", "departmentId"])
            .where("planId", "=", previous.id)
            .where("sectionId", "is", null)
            .orderBy("position")
            .execute()
        : imported
          ? imported.targets.map((t) => ({ ...t, departmentId: null }))
          : loadTargetTemplates().map((t) => ({
              ...t,
              value: String(t.value),
              departmentId: null,
            }));
      // 上年实际 is last year's outcome, not its target: the coordinator enters it.
      await insertTargets(
        trx,
        planId,
        targets.map((target) => ({ ...target, baseline: null })),
      );
    });
  } catch (error) {
    // A double click or a second tab: the other request created it a moment ago.
    if (await planExists(creator.townId, input.year, input.kind)) return alreadyExists(input);
    throw error;
  }
  return { ok: true, planId };
}

async function planExists(townId: string, year: number, kind: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("plans")
    .select("id")
    .where("townId", "=", townId)
    .where("year", "=", year)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return row !== undefined;
}

/** Imported sections with their editor content, each assigned as the town assigns its kind. */
async function importedSections(
  db: ReturnType<typeof getDb>,
  townId: string,
  imported: ImportedPlan,
) {
  const defaults = await db
    .selectFrom("sectionDefaults")
    .select(["kind", "departmentId", "leaderId"])
    .where("townId", "=", townId)
    .execute();
  return imported.sections.map((section, index) => {
    const assignment = defaults.find((d) => d.kind === section.kind);
    return {
      kind: section.kind,
      position: index + 1,
      title: section.title.slice(0, 40),
      departmentId: section.departmentId ?? assignment?.departmentId ?? null,
      leaderId: section.leaderId ?? assignment?.leaderId ?? null,
      content: JSON.stringify(blocksToContent(section.blocks)),
      deadline: null,
    };
  });
}

async function sectionsFromTemplates(db: ReturnType<typeof getDb>, townId: string) {
  const defaults = await db
    .selectFrom("sectionDefaults")
    .select(["kind", "departmentId", "leaderId"])
    .where("townId", "=", townId)
    .execute();
  return loadSectionTemplates().map((template, index) => {
    const assignment = defaults.find((d) => d.kind === template.kind);
    return {
      kind: template.kind,
      position: index + 1,
      title: template.title,
      departmentId: assignment?.departmentId ?? null,
      leaderId: assignment?.leaderId ?? null,
      content: JSON.stringify(markdownToContent(template.markdown)),
      deadline: null,
    };
  });
}

export interface TargetRow {
  id: string;
  position: number;
  name: string;
  value: string;
  unit: string;
  qualifier: string | null;
  baseline: string | null;
  departmentId: string | null;
  departmentName: string | null;
  /** A report's target: its figure to date (null for a plan's). */
  actual: string | null;
  /** The period that figure is as of. */
  actualPeriod: string | null;
}

/**
 * The plan's 主要预期目标, in order (scoped to the town through the plan). A
 * published plan's targets can no longer change; their departments are named
 * as they were at publication. Sections' tracked commitments are not among
 * them (listCommitments).
 */
export async function listTargets(townId: string, planId: string): Promise<TargetRow[]> {
  const rows = await getDb()
    .selectFrom("targets")
    .innerJoin("plans", "plans.id", "targets.planId")
    .leftJoin("departments", "departments.id", "targets.departmentId")
    .select([
      "targets.id",
      "targets.position",
      "targets.name",
      "targets.value",
      "targets.unit",
      "targets.qualifier",
      "targets.baseline",
      "targets.departmentId",
      "targets.actual",
      "targets.actualPeriod",
      "departments.name as departmentName",
      "plans.state as planState",
    ])
    .where("plans.townId", "=", townId)
    .where("targets.planId", "=", planId)
    .where("targets.sectionId", "is", null)
    .orderBy("targets.position")
    .execute();
  const published = rows[0]?.planState === "published" ? await publishedCopy(townId, planId) : null;
  return rows.map(({ planState: _state, ...row }, index) => {
    const copied = published?.targets[index];
    return copied && copied.department !== undefined
      ? { ...row, departmentName: copied.department }
      : row;
  });
}

/**
 * Last year's targets of the same kind, by name ("6%以上"): shown beside
 * 上年实际 as a reminder of what was planned, never as what was achieved.
 */
export async function lastYearTargets(
  townId: string,
  plan: { year: number; kind: string },
): Promise<Record<string, string>> {
  const rows = await getDb()
    .selectFrom("targets")
    .innerJoin("plans", "plans.id", "targets.planId")
    .select(["targets.name", "targets.value", "targets.unit", "targets.qualifier"])
    .where("plans.townId", "=", townId)
    .where("plans.year", "=", plan.year - 1)
    .where("plans.kind", "=", plan.kind)
    .where("targets.sectionId", "is", null)
    .execute();
  return Object.fromEntries(rows.map((t) => [t.name, `${t.value}${t.unit}${t.qualifier ?? ""}`]));
}

/** The plan's own text (形势与总体要求, 结束语) as lines, from the stored editor JSON. */
export function planTextLines(stored: { preamble: string | null; closing: string | null }) {
  // One line per paragraph; a JSON walk is enough to show stored text.
  return {
    preamble: stored.preamble ? blocksOf(stored.preamble).join("\n") : "",
    closing: stored.closing ? blocksOf(stored.closing).join("\n") : "",
  };
}

/** 【…】 still in the plan's own text; the plan machine holds it back while any stand. */
export function planTextPlaceholders(stored: { preamble: string | null; closing: string | null }) {
  const { preamble, closing } = planTextLines(stored);
  return countPlaceholders(`${preamble}\n${closing}`);
}

/**
 * Preamble, closing and deadline of a plan of the town, for its page; a
 * published plan's as they were published. `version` is what an edit must name.
 */
export async function getPlanTexts(townId: string, planId: string) {
  const row = await getDb()
    .selectFrom("plans")
    .select(["deadline", "preamble", "closing", "state", "version"])
    .where("townId", "=", townId)
    .where("id", "=", planId)
    .executeTakeFirst();
  if (!row) return null;
  const texts = (row.state === "published" && (await publishedCopy(townId, planId))) || row;
  return {
    deadline: row.deadline,
    version: row.version,
    ...planTextLines(texts),
    /** 【…】 still in the plan's own text. */
    placeholders: planTextPlaceholders(texts),
  };
}

export interface TargetInput {
  name: string;
  value: string;
  unit: string;
  qualifier: string | null;
  baseline: string | null;
  departmentId: string | null;
}

/**
 * Replaces the plan's targets with the rows given, in that order — only if
 * the plan is still at the version the coordinator saw.
 */
export async function replaceTargets(
  user: PolicyUser & { townId: string },
  planId: string,
  rows: TargetInput[],
  baseVersion: number,
): Promise<EditResult> {
  return editPlan(user, planId, baseVersion, "plan.edit", async (trx) => {
    const departments = await trx
      .selectFrom("departments")
      .select("id")
      .where("townId", "=", user.townId)
      .execute();
    const known = new Set(departments.map((d) => d.id));
    if (rows.some((row) => row.departmentId && !known.has(row.departmentId))) {
      return "所选责任科室不存在";
    }
    // A report's figures to date stay with their target's name.
    const actuals = new Map(
      (
        await trx
          .selectFrom("targets")
          .select(["name", "actual", "actualPeriod"])
          .where("planId", "=", planId)
          .where("sectionId", "is", null)
          .execute()
      ).map((t) => [t.name, t]),
    );
    await trx
      .deleteFrom("targets")
      .where("planId", "=", planId)
      .where("sectionId", "is", null)
      .execute();
    await insertTargets(
      trx,
      planId,
      rows.map((row) => ({
        ...row,
        actual: actuals.get(row.name)?.actual ?? null,
        actualPeriod: actuals.get(row.name)?.actualPeriod ?? null,
      })),
    );
  });
}

/** A plan's targets, in the order given. */
export async function insertTargets(
  db: Pick<Kysely<Database>, "insertInto">,
  planId: string,
  rows: (TargetInput & { actual?: string | null; actualPeriod?: string | null })[],
): Promise<void> {
  for (const [index, row] of rows.entries()) {
    await db
      .insertInto("targets")
      .values({
        id: newId(),
        planId,
        position: index + 1,
        name: row.name,
        value: row.value,
        unit: row.unit,
        qualifier: row.qualifier,
        baseline: row.baseline,
        departmentId: row.departmentId,
        actual: row.actual ?? null,
        actualPeriod: row.actualPeriod ?? null,
      })
      .execute();
  }
}

/** Plain paragraphs (one per line) → editor content, for the preamble and closing. */
export function paragraphsToContent(text: string): string {
  const markdown = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    // Escape Markdown markers a clerk might type at the start of a line.
    .map((line) => line.replace(/^([#>*-]|\d+\.)/, "\\$1"))
    .join("\n\n");
  return JSON.stringify(markdownToContent(markdown));
}

/** 形势与总体要求, 结束语 and the drafting deadline, at the version the coordinator saw. */
export async function updatePlanTexts(
  user: PolicyUser & { townId: string },
  planId: string,
  input: { preamble: string; closing: string; deadline: string | null },
  baseVersion: number,
): Promise<EditResult> {
  return editPlan(user, planId, baseVersion, "plan.edit", async (trx) => {
    await trx
      .updateTable("plans")
      .set({
        preamble: paragraphsToContent(input.preamble),
        closing: paragraphsToContent(input.closing),
        deadline: input.deadline,
      })
      .where("id", "=", planId)
      .where("townId", "=", user.townId)
      .execute();
  });
}
