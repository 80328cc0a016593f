import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";
import type { Actor } from "~workflows/actor";
import { decide } from "~workflows/decide";
import { stateLabel } from "~workflows/labels";
import type { PlanState } from "~workflows/plan";
import type { Role } from "~workflows/roles";
import {
  type SectionContext,
  type SectionState,
  sectionChecks,
  sectionMachine,
} from "~workflows/section";

import { checkContent, contentFacts, markdownToContent } from "~/editor/content.server";

/** Saves by one person within this time fold into one revision. */
export const REVISION_FOLD_MS = 10 * 60 * 1000;

export interface Editor {
  id: string;
  townId: string;
  roles: Role[];
  departmentId: string | null;
}

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

export type EditPermission = { allowed: true } | { allowed: false; reason: string };

type MachineSection = Pick<
  SectionRow,
  "departmentId" | "leaderId" | "placeholders" | "characters" | "planState" | "submittedBy"
>;

/** What the section machine's guards see of a stored section. */
export function sectionContextOf(section: MachineSection): SectionContext {
  return {
    departmentId: section.departmentId,
    leaderId: section.leaderId,
    placeholders: section.placeholders,
    characters: section.characters,
    planState: section.planState,
    submittedBy: section.submittedBy,
  };
}

export function actorOf(user: Pick<Editor, "id" | "roles" | "departmentId">): Actor {
  return { id: user.id, roles: user.roles, departmentId: user.departmentId };
}

const READ_ONLY_REASONS: Record<string, string> = {
  leaderReview: "本章节已提交分管领导审核，当前不能修改；如需修改，请提交人先撤回。",
  approved: "本章节已通过分管领导审核，当前不能修改。",
};

/**
 * Who may change a section's text is the section machine's `edit` event
 * (DESIGN §3): the department (or the coordinator) while drafting or
 * returned; only the coordinator during 统稿 and amendments.
 */
export function editPermission(
  user: Pick<Editor, "id" | "roles" | "departmentId">,
  section: MachineSection & Pick<SectionRow, "state" | "departmentName">,
): EditPermission {
  const decision = decide(
    sectionMachine,
    { state: section.state, context: sectionContextOf(section) },
    { type: "edit", actor: actorOf(user) },
    sectionChecks,
  );
  if (decision.ok) return { allowed: true };
  const { code, message } = decision.refusal;
  if (code === "forbidden" && section.planState !== "drafting") {
    return { allowed: false, reason: "统稿和按意见修改期间，只有党政办能修改正文。" };
  }
  if (code === "forbidden") {
    return {
      allowed: false,
      reason: user.roles.includes("drafter")
        ? `本章节由${section.departmentName ?? "其他科室"}起草，您只能查看。`
        : "您的角色只能查看本章节，不能修改。",
    };
  }
  const reason = section.planState === "drafting" ? READ_ONLY_REASONS[section.state] : undefined;
  return { allowed: false, reason: reason ?? message };
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
  const section = await getSection(user.townId, sectionId);
  if (!section) return { status: "missing" };
  const permission = editPermission(user, section);
  if (!permission.allowed) return { status: "forbidden", reason: permission.reason };
  const check = checkContent(input);
  if (!check.ok) return { status: "invalid", httpStatus: check.status, message: check.message };

  const conflict = async (): Promise<SaveResult> => {
    const latest = await getSection(user.townId, sectionId);
    return {
      status: "conflict",
      version: latest?.version ?? baseVersion,
      savedBy: latest?.updatedByName ?? null,
      savedAt: latest?.updatedAt ?? nowIso(now),
      content: latest?.content ?? section.content,
    };
  };
  if (section.version !== baseVersion) return conflict();
  if (check.json === section.content) return { status: "unchanged", version: section.version };

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
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await recordRevision(trx, {
        sectionId,
        version: baseVersion + 1,
        content: check.json,
        characters: check.characters,
        authorId: user.id,
        at: now,
        reason,
      });
      return true;
    });
  return saved ? { status: "saved", version: baseVersion + 1, savedAt } : conflict();
}

type Db = ReturnType<typeof getDb>;

/**
 * Keeps the saved content as a revision. Consecutive saves by one person
 * within REVISION_FOLD_MS of the revision's start update that revision;
 * anyone else's save, or a later one, starts a new revision.
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
): Promise<void> {
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
    return;
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

export type ManageResult = { ok: true; sectionId?: string } | { ok: false; message: string };

async function draftingPlan(townId: string, planId: string) {
  return getDb()
    .selectFrom("plans")
    .select(["id", "state"])
    .where("id", "=", planId)
    .where("townId", "=", townId)
    .executeTakeFirst();
}

async function assignmentProblem(
  townId: string,
  input: { departmentId: string | null; leaderId: string | null },
): Promise<string | null> {
  const db = getDb();
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
  now: Date = new Date(),
): Promise<ManageResult> {
  const plan = await draftingPlan(user.townId, planId);
  if (!plan) return { ok: false, message: "计划不存在" };
  if (plan.state !== "drafting")
    return { ok: false, message: "计划已进入审核阶段，不能再增加章节" };
  const problem = await assignmentProblem(user.townId, settings);
  if (problem) return { ok: false, message: problem };
  const db = getDb();
  const id = newId();
  const at = nowIso(now);
  await db.transaction().execute(async (trx) => {
    const { max } = await trx
      .selectFrom("sections")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("planId", "=", planId)
      .executeTakeFirstOrThrow();
    const content = JSON.stringify(
      markdownToContent(`# ${settings.title}\n\n【请填写本章节内容】`),
    );
    const facts = contentFacts(content);
    await trx
      .insertInto("sections")
      .values({
        id,
        planId,
        townId: user.townId,
        kind: "custom",
        position: Number(max ?? 0) + 1,
        title: settings.title,
        departmentId: settings.departmentId,
        leaderId: settings.leaderId,
        deadline: settings.deadline,
        state: "drafting",
        content,
        characters: facts.characters,
        placeholders: facts.placeholders,
        updatedBy: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await recordRevision(trx, {
      sectionId: id,
      version: 1,
      content,
      characters: facts.characters,
      authorId: user.id,
      at: now,
      reason: "新增章节",
    });
  });
  return { ok: true, sectionId: id };
}

export async function updateSectionSettings(
  user: Editor,
  sectionId: string,
  settings: SectionSettings,
): Promise<ManageResult> {
  const section = await getSection(user.townId, sectionId);
  if (!section) return { ok: false, message: "章节不存在" };
  if (section.planState !== "drafting")
    return { ok: false, message: "计划已进入审核阶段，不能再修改分工" };
  const problem = await assignmentProblem(user.townId, settings);
  if (problem) return { ok: false, message: problem };
  await getDb()
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
  return { ok: true };
}

/** Swaps a section with its neighbour above or below; positions stay 1…n. */
export async function moveSection(
  user: Editor,
  sectionId: string,
  direction: "up" | "down",
): Promise<ManageResult> {
  const section = await getSection(user.townId, sectionId);
  if (!section) return { ok: false, message: "章节不存在" };
  if (section.planState !== "drafting")
    return { ok: false, message: "计划已进入审核阶段，不能调整顺序" };
  const siblings = await listSections(user.townId, section.planId);
  const index = siblings.findIndex((s) => s.id === sectionId);
  const other = siblings[direction === "up" ? index - 1 : index + 1];
  if (!other) return { ok: true };
  await getDb()
    .transaction()
    .execute(async (trx) => {
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
  return { ok: true };
}

export async function removeSection(user: Editor, sectionId: string): Promise<ManageResult> {
  const section = await getSection(user.townId, sectionId);
  if (!section) return { ok: false, message: "章节不存在" };
  if (section.planState !== "drafting")
    return { ok: false, message: "计划已进入审核阶段，不能删除章节" };
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .deleteFrom("sections")
        .where("id", "=", sectionId)
        .where("townId", "=", user.townId)
        .execute();
      // Close the gap so that numbering (一、二、…) stays continuous.
      await trx
        .updateTable("sections")
        .set((eb) => ({ position: eb("position", "-", 1) }))
        .where("planId", "=", section.planId)
        .where("position", ">", section.position)
        .execute();
    });
  return { ok: true };
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
    .select(["id", "title", "year"])
    .where("id", "=", planId)
    .where("townId", "=", townId)
    .executeTakeFirst();
  return plan ? { plan, section } : null;
}
