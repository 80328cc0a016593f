import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";
import { stateLabel } from "~workflows/labels";
import type { PlanState } from "~workflows/plan";
import type { SectionState } from "~workflows/section";

import { checkContent, contentFacts, markdownToContent } from "~/editor/content.server";
import { captionCount } from "~/export/model";
import { can, editsAsReviewer, type PolicyUser } from "~/policies/policy";

import { editPlan, type EditResult } from "./plan-edit.server";
import { recordEvent } from "./workflow/record.server";

/** Saves by one person within this time fold into one revision. */
export const REVISION_FOLD_MS = 10 * 60 * 1000;

/** A person acting on the town's sections. */
export type Editor = PolicyUser & { townId: string };

export interface SectionRow {
  id: string;
  planId: string;
  kind: string;
  position: number;
  title: string;
  departmentId: string | null;
  departmentName: string | null;
  leaderId: string | null;
  leaderName: string | null;
  deadline: string | null;
  state: SectionState;
  stateLabel: string;
  characters: number;
  placeholders: number;
  version: number;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string;
  planState: PlanState;
  submittedBy: string | null;
}

function sectionQuery(townId: string) {
  return getDb()
    .selectFrom("sections")
    .innerJoin("plans", "plans.id", "sections.planId")
    .leftJoin("departments", "departments.id", "sections.departmentId")
    .leftJoin("users as leader", "leader.id", "sections.leaderId")
    .leftJoin("users as editor", "editor.id", "sections.updatedBy")
    .select([
      "sections.id",
      "sections.planId",
      "sections.kind",
      "sections.position",
      "sections.title",
      "sections.departmentId",
      "departments.name as departmentName",
      "sections.leaderId",
      "leader.displayName as leaderName",
      "sections.deadline",
      "sections.state",
      "sections.characters",
      "sections.placeholders",
      "sections.version",
      "sections.updatedBy",
      "editor.displayName as updatedByName",
      "sections.updatedAt",
      "plans.state as planState",
      "sections.submittedBy",
    ])
    .where("sections.townId", "=", townId);
}

/** A stored section with its state in words. */
function withStateLabel<T extends { state: SectionState }>(row: T): T & { stateLabel: string } {
  return { ...row, stateLabel: stateLabel(row.state, true) };
}

export async function listSections(townId: string, planId: string): Promise<SectionRow[]> {
  const rows = await sectionQuery(townId)
    .where("sections.planId", "=", planId)
    .orderBy("sections.position")
    .execute();
  return rows.map(withStateLabel);
}

/** Sections of the town's plans that are still under way (not published), with their plan. */
export async function listOpenSections(townId: string) {
  const rows = await sectionQuery(townId)
    .select("plans.title as planTitle")
    .where("plans.state", "!=", "published")
    .orderBy("plans.year", "desc")
    .orderBy("sections.position")
    .execute();
  return rows.map(withStateLabel);
}

export async function getSection(
  townId: string,
  sectionId: string,
): Promise<(SectionRow & { content: string }) | null> {
  const row = await sectionQuery(townId)
    .select("sections.content")
    .where("sections.id", "=", sectionId)
    .executeTakeFirst();
  return row ? withStateLabel(row) : null;
}

export type SaveResult =
  | { status: "saved"; version: number; savedAt: string }
  | { status: "unchanged"; version: number }
  | {
      status: "conflict";
      version: number;
      savedBy: string | null;
      savedAt: string;
      content: string;
    }
  | { status: "forbidden"; reason: string }
  | { status: "invalid"; httpStatus: 413 | 422; message: string }
  | { status: "missing" };

/**
 * Saves new content if the client started from the current version. The
 * conditional update makes racing saves safe: exactly one of two saves based
 * on the same version wins; the other gets the winner's text back.
 */
export async function saveSectionContent(
  user: Editor,
  sectionId: string,
  input: unknown,
  baseVersion: number,
  { now = new Date(), reason }: { now?: Date; reason?: string } = {},
): Promise<SaveResult> {
  // Without its content: a long section's 124 KB are compared by the database below.
  const row = await sectionQuery(user.townId)
    .where("sections.id", "=", sectionId)
    .executeTakeFirst();
  if (!row) return { status: "missing" };
  const section = withStateLabel(row);
  const permission = can(user, "section.edit", section);
  if (!permission.ok) return { status: "forbidden", reason: permission.refusal.message };
  const check = checkContent(input);
  if (!check.ok) return { status: "invalid", httpStatus: check.status, message: check.message };

  const conflict = async (): Promise<SaveResult> => {
    const latest = await getSection(user.townId, sectionId);
    return {
      status: "conflict",
      version: latest?.version ?? baseVersion,
      savedBy: latest?.updatedByName ?? null,
      savedAt: latest?.updatedAt ?? nowIso(now),
      content: latest?.content ?? "",
    };
  };
  if (section.version !== baseVersion) return conflict();

  const savedAt = nowIso(now);
  const saved = await getDb()
    .transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable("sections")
        .set((eb) => ({
          content: check.json,
          characters: check.characters,
          placeholders: check.placeholders,
          version: eb("version", "+", 1),
          updatedBy: user.id,
          updatedAt: savedAt,
        }))
        .where("id", "=", sectionId)
        .where("townId", "=", user.townId)
        .where("version", "=", baseVersion)
        .where("content", "<>", check.json)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      const started = await recordRevision(trx, {
        sectionId,
        version: baseVersion + 1,
        content: check.json,
        characters: check.characters,
        authorId: user.id,
        at: now,
        reason,
      });
      // A reviewer starting to change the text is a line of its own in the 审核记录.
      if (started && editsAsReviewer(user, section)) {
        await recordEvent(trx, {
          townId: user.townId,
          planId: section.planId,
          sectionId,
          subject: section.title,
          actorId: user.id,
          event: "edit",
          from: section.state,
          to: section.state,
          reason: reason ?? null,
          at: savedAt,
        });
      }
      return true;
    });
  if (saved) return { status: "saved", version: baseVersion + 1, savedAt };
  // Nothing written: the same text again, or someone else saved first.
  const latest = await getDb()
    .selectFrom("sections")
    .select("version")
    .where("id", "=", sectionId)
    .where("townId", "=", user.townId)
    .executeTakeFirst();
  return latest?.version === baseVersion
    ? { status: "unchanged", version: baseVersion }
    : conflict();
}

type Db = ReturnType<typeof getDb>;

/**
 * Keeps the saved content as a revision. Consecutive saves by one person
 * within REVISION_FOLD_MS of the revision's start update that revision;
 * anyone else's save, or a later one, starts a new revision. Answers whether
 * it started one.
 */
export async function recordRevision(
  db: Db,
  input: {
    sectionId: string;
    version: number;
    content: string;
    characters: number;
    authorId: string;
    at: Date;
    reason?: string;
  },
): Promise<boolean> {
  const at = nowIso(input.at);
  const latest = await db
    .selectFrom("sectionRevisions")
    .select(["id", "authorId", "createdAt", "reason"])
    .where("sectionId", "=", input.sectionId)
    .orderBy("createdAt", "desc")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  const folds =
    latest &&
    !input.reason &&
    !latest.reason &&
    latest.authorId === input.authorId &&
    input.at.getTime() - Date.parse(latest.createdAt) < REVISION_FOLD_MS;
  if (folds) {
    await db
      .updateTable("sectionRevisions")
      .set({
        version: input.version,
        content: input.content,
        characters: input.characters,
        updatedAt: at,
      })
      .where("id", "=", latest.id)
      .execute();
    return false;
  }
  await db
    .insertInto("sectionRevisions")
    .values({
      id: newId(),
      sectionId: input.sectionId,
      version: input.version,
      content: input.content,
      characters: input.characters,
      authorId: input.authorId,
      reason: input.reason ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  return true;
}

export interface RevisionRow {
  id: string;
  version: number;
  authorName: string | null;
  characters: number;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A section's revisions, newest first, with their content (scoped to the town). */
export async function listRevisions(
  townId: string,
  sectionId: string,
): Promise<(RevisionRow & { content: string })[]> {
  return getDb()
    .selectFrom("sectionRevisions")
    .innerJoin("sections", "sections.id", "sectionRevisions.sectionId")
    .leftJoin("users", "users.id", "sectionRevisions.authorId")
    .select([
      "sectionRevisions.id",
      "sectionRevisions.version",
      "users.displayName as authorName",
      "sectionRevisions.characters",
      "sectionRevisions.reason",
      "sectionRevisions.createdAt",
      "sectionRevisions.updatedAt",
      "sectionRevisions.content",
    ])
    .where("sections.townId", "=", townId)
    .where("sectionRevisions.sectionId", "=", sectionId)
    .orderBy("sectionRevisions.createdAt", "desc")
    .orderBy("sectionRevisions.version", "desc")
    .execute();
}

// --- Managing the plan's sections (coordinator, while the plan is drafting) ---
// Each carries the plan's version the coordinator saw (editPlan).

async function assignmentProblem(
  db: Db,
  townId: string,
  input: { departmentId: string | null; leaderId: string | null },
): Promise<string | null> {
  if (input.departmentId) {
    const department = await db
      .selectFrom("departments")
      .select("id")
      .where("id", "=", input.departmentId)
      .where("townId", "=", townId)
      .executeTakeFirst();
    if (!department) return "所选科室不存在";
  }
  if (input.leaderId) {
    const leader = await db
      .selectFrom("users")
      .innerJoin("userRoles", "userRoles.userId", "users.id")
      .select("users.id")
      .where("users.id", "=", input.leaderId)
      .where("users.townId", "=", townId)
      .where("userRoles.role", "=", "leader")
      .executeTakeFirst();
    if (!leader) return "所选分管领导不存在，或没有分管领导角色";
  }
  return null;
}

export interface SectionSettings {
  title: string;
  departmentId: string | null;
  leaderId: string | null;
  deadline: string | null;
}

export async function addSection(
  user: Editor,
  planId: string,
  settings: SectionSettings,
  basePlanVersion: number,
  now: Date = new Date(),
): Promise<EditResult & { sectionId?: string }> {
  const id = newId();
  const result = await editPlan(
    user,
    planId,
    basePlanVersion,
    "plan.manageSections",
    async (trx) => {
      const problem = await assignmentProblem(trx, user.townId, settings);
      if (problem) return problem;
      const { max } = await trx
        .selectFrom("sections")
        .select((eb) => eb.fn.max("position").as("max"))
        .where("planId", "=", planId)
        .executeTakeFirstOrThrow();
      await insertSection(trx, {
        id,
        planId,
        townId: user.townId,
        kind: "custom",
        position: Number(max ?? 0) + 1,
        ...settings,
        content: JSON.stringify(markdownToContent(`# ${settings.title}\n\n【请填写本章节内容】`)),
        author: user.id,
        reason: "新增章节",
        now,
      });
    },
    now,
  );
  return result.ok ? { ...result, sectionId: id } : result;
}

/**
 * Writes a new section (drafting, version 1) and its starting text as the
 * first revision, so the history can show what changed from it.
 */
export async function insertSection(
  db: Db,
  section: {
    id?: string;
    planId: string;
    townId: string;
    kind: string;
    position: number;
    title: string;
    departmentId: string | null;
    leaderId: string | null;
    deadline: string | null;
    content: string;
    /** Who opened it, and why it exists: "由模板生成", "沿用2026年计划", "新增章节". */
    author: string;
    reason: string;
    now: Date;
  },
): Promise<string> {
  const { author, reason, now, ...row } = section;
  const id = row.id ?? newId();
  const facts = contentFacts(row.content);
  const at = nowIso(now);
  await db
    .insertInto("sections")
    .values({
      ...row,
      id,
      state: "drafting",
      characters: facts.characters,
      placeholders: facts.placeholders,
      updatedBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await recordRevision(db, {
    sectionId: id,
    version: 1,
    content: row.content,
    characters: facts.characters,
    authorId: author,
    at: now,
    reason,
  });
  return id;
}

/** A section of the plan, inside an edit of the plan. */
async function sectionOfPlan(db: Db, townId: string, planId: string, sectionId: string) {
  return db
    .selectFrom("sections")
    .select(["id", "position"])
    .where("id", "=", sectionId)
    .where("planId", "=", planId)
    .where("townId", "=", townId)
    .executeTakeFirst();
}

const NO_SECTION = "该章节不存在，可能已被删除，请刷新页面。";

export async function updateSectionSettings(
  user: Editor,
  planId: string,
  sectionId: string,
  settings: SectionSettings,
  basePlanVersion: number,
): Promise<EditResult> {
  return editPlan(user, planId, basePlanVersion, "plan.manageSections", async (trx) => {
    if (!(await sectionOfPlan(trx, user.townId, planId, sectionId))) return NO_SECTION;
    const problem = await assignmentProblem(trx, user.townId, settings);
    if (problem) return problem;
    await trx
      .updateTable("sections")
      .set({
        title: settings.title,
        departmentId: settings.departmentId,
        leaderId: settings.leaderId,
        deadline: settings.deadline,
      })
      .where("id", "=", sectionId)
      .where("townId", "=", user.townId)
      .execute();
  });
}

/** Swaps a section with its neighbour above or below; positions stay 1…n. */
export async function moveSection(
  user: Editor,
  planId: string,
  sectionId: string,
  direction: "up" | "down",
  basePlanVersion: number,
): Promise<EditResult> {
  return editPlan(user, planId, basePlanVersion, "plan.manageSections", async (trx) => {
    const section = await sectionOfPlan(trx, user.townId, planId, sectionId);
    if (!section) return NO_SECTION;
    const other = await trx
      .selectFrom("sections")
      .select(["id", "position"])
      .where("planId", "=", planId)
      .where("position", direction === "up" ? "<" : ">", section.position)
      .orderBy("position", direction === "up" ? "desc" : "asc")
      .limit(1)
      .executeTakeFirst();
    if (!other) return;
    await trx
      .updateTable("sections")
      .set({ position: other.position })
      .where("id", "=", section.id)
      .execute();
    await trx
      .updateTable("sections")
      .set({ position: section.position })
      .where("id", "=", other.id)
      .execute();
  });
}

export async function removeSection(
  user: Editor,
  planId: string,
  sectionId: string,
  basePlanVersion: number,
): Promise<EditResult> {
  return editPlan(user, planId, basePlanVersion, "plan.manageSections", async (trx) => {
    const section = await sectionOfPlan(trx, user.townId, planId, sectionId);
    if (!section) return NO_SECTION;
    await trx
      .deleteFrom("sections")
      .where("id", "=", sectionId)
      .where("townId", "=", user.townId)
      .execute();
    // Close the gap so that numbering (一、二、…) stays continuous.
    await trx
      .updateTable("sections")
      .set((eb) => ({ position: eb("position", "-", 1) }))
      .where("planId", "=", planId)
      .where("position", ">", section.position)
      .execute();
  });
}

/** Leaders of the town, for assigning sections. */
export async function listLeaders(townId: string) {
  return getDb()
    .selectFrom("users")
    .innerJoin("userRoles", "userRoles.userId", "users.id")
    .select(["users.id", "users.displayName as name", "users.title"])
    .where("users.townId", "=", townId)
    .where("users.isActive", "=", 1)
    .where("userRoles.role", "=", "leader")
    .orderBy("users.username")
    .execute();
}

/** A section of a plan of the town, or null when either is missing or they do not match. */
export async function getPlanSection(townId: string, planId: string, sectionId: string) {
  const section = await getSection(townId, sectionId);
  if (!section || section.planId !== planId) return null;
  const plan = await getDb()
    .selectFrom("plans")
    .select(["id", "title", "year", "state", "version"])
    .where("id", "=", planId)
    .where("townId", "=", townId)
    .executeTakeFirst();
  return plan ? { plan, section } : null;
}

/**
 * The number of a section's first table caption (表N): captions are numbered
 * through the plan, after the preamble's, the targets table's (when the plan
 * shows its targets as a table) and the earlier sections'.
 */
export async function firstTableNumber(
  townId: string,
  planId: string,
  position: number,
): Promise<number> {
  const db = getDb();
  const [plan, earlier, targets] = await Promise.all([
    db
      .selectFrom("plans")
      .select(["preamble", "targetsAsTable"])
      .where("id", "=", planId)
      .where("townId", "=", townId)
      .executeTakeFirst(),
    db
      .selectFrom("sections")
      .select("content")
      .where("planId", "=", planId)
      .where("townId", "=", townId)
      .where("position", "<", position)
      .execute(),
    db
      .selectFrom("targets")
      .innerJoin("plans", "plans.id", "targets.planId")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("targets.planId", "=", planId)
      .where("targets.sectionId", "is", null)
      .where("plans.townId", "=", townId)
      .executeTakeFirst(),
  ]);
  const targetsTable = plan?.targetsAsTable === 1 && Number(targets?.n ?? 0) > 0 ? 1 : 0;
  return (
    1 +
    captionCount(plan?.preamble ?? null) +
    targetsTable +
    earlier.reduce((sum, row) => sum + captionCount(row.content), 0)
  );
}
