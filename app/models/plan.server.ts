import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";
import { stateLabel } from "~workflows/labels";
import { PLAN_EDITABLE_STATES } from "~workflows/plan";
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
  state: string;
  stateLabel: string;
  /** Raised by every plan event and text edit; events name the version they saw. */
  version: number;
  documentNumber: string | null;
  publishedOn: string | null;
  updatedAt: string;
}

function planColumns() {
  return [
    "id",
    "year",
    "kind",
    "title",
    "state",
    "version",
    "document_number",
    "published_on",
    "updated_at",
  ] as const;
}

function toSummary(row: {
  id: string;
  year: number;
  kind: string;
  title: string;
  state: string;
  version: number;
  document_number: string | null;
  published_on: string | null;
  updated_at: string;
}): PlanSummary {
  return {
    id: row.id,
    year: row.year,
    kind: row.kind,
    title: row.title,
    state: row.state,
    stateLabel: stateLabel(row.state, false),
    version: row.version,
    documentNumber: row.document_number,
    publishedOn: row.published_on,
    updatedAt: row.updated_at,
  };
}

/** The town's plans, newest year first. */
export async function listPlans(townId: string): Promise<PlanSummary[]> {
  const rows = await getDb()
    .selectFrom("plans")
    .select(planColumns())
    .where("town_id", "=", townId)
    .orderBy("year", "desc")
    .orderBy("kind")
    .execute();
  return rows.map(toSummary);
}

/** One plan of the town, or null (also when the id belongs to another town). */
export async function getPlan(townId: string, planId: string): Promise<PlanSummary | null> {
  const row = await getDb()
    .selectFrom("plans")
    .select(planColumns())
    .where("town_id", "=", townId)
    .where("id", "=", planId)
    .executeTakeFirst();
  return row ? toSummary(row) : null;
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
      .where("town_id", "=", creator.townId)
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
          town_id: creator.townId,
          year: input.year,
          kind: input.kind,
          title: fill(skeleton.titlePattern),
          state: "drafting",
          document_number: null,
          published_on: null,
          deadline,
          preamble:
            previous?.preamble ?? JSON.stringify(markdownToContent(fill(skeleton.preamble))),
          closing: previous?.closing ?? JSON.stringify(markdownToContent(fill(skeleton.closing))),
          created_by: creator.id,
          created_at: at,
          updated_at: at,
        })
        .execute();

      const sections = previous
        ? await trx
            .selectFrom("sections")
            .select(["kind", "position", "title", "department_id", "leader_id", "content"])
            .where("plan_id", "=", previous.id)
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
            plan_id: planId,
            town_id: creator.townId,
            kind: section.kind,
            position: section.position,
            title: section.title,
            department_id: section.department_id,
            leader_id: section.leader_id,
            deadline,
            state: "drafting",
            content: section.content,
            characters: facts.characters,
            placeholders: facts.placeholders,
            updated_by: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        // The starting text is the first revision, so the history can show what changed from it.
        await trx
          .insertInto("section_revisions")
          .values({
            id: newId(),
            section_id: sectionId,
            version: 1,
            content: section.content,
            characters: facts.characters,
            author_id: creator.id,
            reason: previous ? `沿用${input.year - 1}年计划` : "由模板生成",
            created_at: at,
            updated_at: at,
          })
          .execute();
      }

      const targets = previous
        ? await trx
            .selectFrom("targets")
            .select(["name", "value", "unit", "qualifier", "department_id"])
            .where("plan_id", "=", previous.id)
            .orderBy("position")
            .execute()
        : loadTargetTemplates().map((t) => ({ ...t, value: String(t.value), department_id: null }));
      for (const [index, target] of targets.entries()) {
        await trx
          .insertInto("targets")
          .values({
            id: newId(),
            plan_id: planId,
            position: index + 1,
            name: target.name,
            value: target.value,
            unit: target.unit,
            qualifier: target.qualifier,
            // Last year's target is the best known reference until its actual is entered.
            baseline: previous ? target.value : null,
            department_id: target.department_id,
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
    .where("town_id", "=", townId)
    .where("year", "=", year)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return row !== undefined;
}

async function sectionsFromTemplates(db: ReturnType<typeof getDb>, townId: string) {
  const defaults = await db
    .selectFrom("section_defaults")
    .select(["kind", "department_id", "leader_id"])
    .where("town_id", "=", townId)
    .execute();
  return loadSectionTemplates().map((template, index) => {
    const assignment = defaults.find((d) => d.kind === template.kind);
    return {
      kind: template.kind,
      position: index + 1,
      title: template.title,
      department_id: assignment?.department_id ?? null,
      leader_id: assignment?.leader_id ?? null,
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
  const rows = await getDb()
    .selectFrom("targets")
    .innerJoin("plans", "plans.id", "targets.plan_id")
    .leftJoin("departments", "departments.id", "targets.department_id")
    .select([
      "targets.id",
      "targets.position",
      "targets.name",
      "targets.value",
      "targets.unit",
      "targets.qualifier",
      "targets.baseline",
      "targets.department_id",
      "departments.name as department_name",
    ])
    .where("plans.town_id", "=", townId)
    .where("targets.plan_id", "=", planId)
    .orderBy("targets.position")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    name: row.name,
    value: row.value,
    unit: row.unit,
    qualifier: row.qualifier,
    baseline: row.baseline,
    departmentId: row.department_id,
    departmentName: row.department_name,
  }));
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
    .where("town_id", "=", townId)
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
    .where("town_id", "=", townId)
    .executeTakeFirst();
  if (!plan) return { ok: false, message: "计划不存在" };
  if (!(PLAN_EDITABLE_STATES as readonly string[]).includes(plan.state)) {
    return { ok: false, message: "计划当前状态下不能修改预期目标" };
  }
  const departmentIds = new Set(
    (await db.selectFrom("departments").select("id").where("town_id", "=", townId).execute()).map(
      (d) => d.id,
    ),
  );
  if (rows.some((row) => row.departmentId && !departmentIds.has(row.departmentId))) {
    return { ok: false, message: "所选责任科室不存在" };
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("targets").where("plan_id", "=", planId).execute();
    for (const [index, row] of rows.entries()) {
      await trx
        .insertInto("targets")
        .values({
          id: newId(),
          plan_id: planId,
          position: index + 1,
          name: row.name,
          value: row.value,
          unit: row.unit,
          qualifier: row.qualifier,
          baseline: row.baseline,
          department_id: row.departmentId,
        })
        .execute();
    }
    await trx.updateTable("plans").set({ updated_at: nowIso() }).where("id", "=", planId).execute();
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
      updated_at: nowIso(),
    })
    .where("id", "=", planId)
    .where("town_id", "=", townId)
    .where("state", "in", PLAN_EDITABLE_STATES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
