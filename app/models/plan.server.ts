import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";
import { stateLabel } from "~workflows/labels";
import { PLAN_EDITABLE_STATES, type PlanState } from "~workflows/plan";
import {
  fillTemplate,
  loadPlanTemplate,
  loadSectionTemplates,
  loadTargetTemplates,
  type PlanKind,
} from "~templates/index";

import { contentFacts, markdownToContent } from "~/editor/content.server";
import { blocksOf } from "~/editor/diff";
import { countPlaceholders } from "~/editor/nodes";

export interface PlanSummary {
  id: string;
  year: number;
  kind: string;
  title: string;
  state: PlanState;
  stateLabel: string;
  /** Raised by every plan event (text edits leave it); events name the version they saw. */
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

export type PlanSource = "templates" | "previous";

export type CreatePlanResult =
  { ok: true; planId: string } | { ok: false; field: "year" | "kind" | "from"; message: string };

/** The default deadline for sections: four weeks from now, as YYYY-MM-DD. */
export function defaultDeadline(now: Date = new Date()): string {
  return new Date(now.getTime() + 28 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * Opens a town's plan for a year, either from the templates (six sections,
 * default targets, preamble and closing) or by carrying over last year's plan
 * of the same kind (sections with their assignments and text, and targets).
 */
export async function createPlan(
  creator: { id: string; townId: string; townName: string },
  input: { year: number; kind: PlanKind; from: PlanSource },
  now: Date = new Date(),
): Promise<CreatePlanResult> {
  const db = getDb();
  if (await planExists(creator.townId, input.year, input.kind)) {
    return {
      ok: false,
      field: "year",
      message: `${input.year}年${input.kind}已经建立，不能重复创建`,
    };
  }
  const fill = (text: string) =>
    fillTemplate(text, { townName: creator.townName, year: input.year, kind: input.kind });
  const skeleton = loadPlanTemplate();
  const at = nowIso(now);
  const deadline = defaultDeadline(now);
  const planId = newId();

  let previous: { id: string; preamble: string | null; closing: string | null } | undefined;
  if (input.from === "previous") {
    previous = await db
      .selectFrom("plans")
      .select(["id", "preamble", "closing"])
      .where("townId", "=", creator.townId)
      .where("year", "=", input.year - 1)
      .where("kind", "=", input.kind)
      .executeTakeFirst();
    if (!previous) {
      return {
        ok: false,
        field: "from",
        message: `没有找到${input.year - 1}年${input.kind}，无法沿用上年计划，请选择“从模板创建”`,
      };
    }
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
          deadline,
          preamble:
            previous?.preamble ?? JSON.stringify(markdownToContent(fill(skeleton.preamble))),
          closing: previous?.closing ?? JSON.stringify(markdownToContent(fill(skeleton.closing))),
          createdBy: creator.id,
          createdAt: at,
          updatedAt: at,
        })
        .execute();

      const sections = previous
        ? await trx
            .selectFrom("sections")
            .select(["kind", "position", "title", "departmentId", "leaderId", "content"])
            .where("planId", "=", previous.id)
            .orderBy("position")
            .execute()
        : await sectionsFromTemplates(trx, creator.townId);
      for (const section of sections) {
        const facts = contentFacts(section.content);
        const sectionId = newId();
        await trx
          .insertInto("sections")
          .values({
            id: sectionId,
            planId,
            townId: creator.townId,
            kind: section.kind,
            position: section.position,
            title: section.title,
            departmentId: section.departmentId,
            leaderId: section.leaderId,
            deadline,
            state: "drafting",
            content: section.content,
            characters: facts.characters,
            placeholders: facts.placeholders,
            updatedBy: null,
            createdAt: at,
            updatedAt: at,
          })
          .execute();
        // The starting text is the first revision, so the history can show what changed from it.
        await trx
          .insertInto("sectionRevisions")
          .values({
            id: newId(),
            sectionId,
            version: 1,
            content: section.content,
            characters: facts.characters,
            authorId: creator.id,
            reason: previous ? `沿用${input.year - 1}年计划` : "由模板生成",
            createdAt: at,
            updatedAt: at,
          })
          .execute();
      }

      const targets = previous
        ? await trx
            .selectFrom("targets")
            .select(["name", "value", "unit", "qualifier", "departmentId"])
            .where("planId", "=", previous.id)
            .orderBy("position")
            .execute()
        : loadTargetTemplates().map((t) => ({ ...t, value: String(t.value), departmentId: null }));
      for (const [index, target] of targets.entries()) {
        await trx
          .insertInto("targets")
          .values({
            id: newId(),
            planId,
            position: index + 1,
            name: target.name,
            value: target.value,
            unit: target.unit,
            qualifier: target.qualifier,
            // Last year's target is the best known reference until its actual is entered.
            baseline: previous ? target.value : null,
            departmentId: target.departmentId,
          })
          .execute();
      }
    });
  } catch (error) {
    // A double click or a second tab: the other request created it a moment ago.
    if (await planExists(creator.townId, input.year, input.kind)) {
      return {
        ok: false,
        field: "year",
        message: `${input.year}年${input.kind}已经建立，不能重复创建`,
      };
    }
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
}

/** The plan's 主要预期目标, in order (scoped to the town through the plan). */
export async function listTargets(townId: string, planId: string): Promise<TargetRow[]> {
  return getDb()
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
      "departments.name as departmentName",
    ])
    .where("plans.townId", "=", townId)
    .where("targets.planId", "=", planId)
    .orderBy("targets.position")
    .execute();
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

/** Preamble, closing and deadline of a plan of the town, for its page. */
export async function getPlanTexts(townId: string, planId: string) {
  const row = await getDb()
    .selectFrom("plans")
    .select(["deadline", "preamble", "closing"])
    .where("townId", "=", townId)
    .where("id", "=", planId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    deadline: row.deadline,
    ...planTextLines(row),
    /** 【…】 still in the plan's own text. */
    placeholders: planTextPlaceholders(row),
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

/** Replaces the plan's targets with the rows given, in that order (coordinator, while drafting). */
export async function replaceTargets(
  townId: string,
  planId: string,
  rows: TargetInput[],
): Promise<{ ok: true } | { ok: false; message: string }> {
  const db = getDb();
  const plan = await db
    .selectFrom("plans")
    .select("state")
    .where("id", "=", planId)
    .where("townId", "=", townId)
    .executeTakeFirst();
  if (!plan) return { ok: false, message: "计划不存在" };
  if (!(PLAN_EDITABLE_STATES as readonly string[]).includes(plan.state)) {
    return { ok: false, message: "计划当前状态下不能修改预期目标" };
  }
  const departmentIds = new Set(
    (await db.selectFrom("departments").select("id").where("townId", "=", townId).execute()).map(
      (d) => d.id,
    ),
  );
  if (rows.some((row) => row.departmentId && !departmentIds.has(row.departmentId))) {
    return { ok: false, message: "所选责任科室不存在" };
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("targets").where("planId", "=", planId).execute();
    for (const [index, row] of rows.entries()) {
      await trx
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
        })
        .execute();
    }
    await trx.updateTable("plans").set({ updatedAt: nowIso() }).where("id", "=", planId).execute();
  });
  return { ok: true };
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

export async function updatePlanTexts(
  townId: string,
  planId: string,
  input: { preamble: string; closing: string; deadline: string | null },
): Promise<boolean> {
  const result = await getDb()
    .updateTable("plans")
    .set({
      preamble: paragraphsToContent(input.preamble),
      closing: paragraphsToContent(input.closing),
      deadline: input.deadline,
      updatedAt: nowIso(),
    })
    .where("id", "=", planId)
    .where("townId", "=", townId)
    .where("state", "in", PLAN_EDITABLE_STATES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
