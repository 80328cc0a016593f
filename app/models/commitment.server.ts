// A section's own commitments tracked after 印发 (issue 17): the coordinator
// chooses, from what the sections say ("全年计划引进过亿元项目5个"), which
// are followed through the year like the 主要预期目标. Each is a target row
// that names its section; it gets figures from the section's office,
// confirmed by the section's leader, and is never printed: the published
// text stays as it was issued.
import type { Kysely } from "kysely";

import { getDb } from "~db/client";
import type { Database } from "~db/schema";
import { newId } from "~db/time";

import { blocksOf } from "~/editor/blocks";
import { can, type PolicyUser, REFUSAL_STATUS } from "~/policies/policy";
import { type CommitmentGuess, findCommitments } from "~/progress/commitments";
import { isReportKind } from "~/progress/report-draft";

import type { TargetRow } from "./plan.server";

type Coordinator = PolicyUser & { townId: string };

export type CommitmentRow = Pick<
  TargetRow,
  "id" | "name" | "value" | "unit" | "qualifier" | "departmentId" | "departmentName"
> & {
  sectionId: string;
  sectionTitle: string;
  /** The section's leader, who confirms the figures. */
  leaderId: string | null;
  source: string | null;
};

/** The plan's tracked commitments, in the order of their sections, then as added. */
export async function listCommitments(townId: string, planId: string): Promise<CommitmentRow[]> {
  const rows = await getDb()
    .selectFrom("targets")
    .innerJoin("sections", "sections.id", "targets.sectionId")
    .leftJoin("departments", "departments.id", "targets.departmentId")
    .select([
      "targets.id",
      "targets.name",
      "targets.value",
      "targets.unit",
      "targets.qualifier",
      "targets.departmentId",
      "departments.name as departmentName",
      "targets.sectionId",
      "sections.title as sectionTitle",
      "sections.leaderId",
      "targets.source",
    ])
    .where("sections.townId", "=", townId)
    .where("targets.planId", "=", planId)
    .orderBy("sections.position")
    .orderBy("targets.position")
    .execute();
  return rows.map((row) => ({
    ...row,
    sectionId: row.sectionId!,
    departmentName: row.departmentName ?? null,
  }));
}

async function trackable(user: Coordinator, planId: string) {
  const plan = await getDb()
    .selectFrom("plans")
    .select(["id", "state", "kind"])
    .where("townId", "=", user.townId)
    .where("id", "=", planId)
    .executeTakeFirst();
  if (!plan) return { ok: false as const, status: 404 as const, message: "该年度计划不存在。" };
  const verdict = can(user, "plan.track", { state: plan.state, report: isReportKind(plan.kind) });
  if (!verdict.ok) {
    return {
      ok: false as const,
      status: REFUSAL_STATUS[verdict.refusal.code],
      message: verdict.refusal.message,
    };
  }
  return { ok: true as const, plan };
}

export type SectionProposals = {
  sectionId: string;
  sectionTitle: string;
  proposals: (CommitmentGuess & { tracked: boolean })[];
};

/**
 * What each section of the plan commits to in figures, for the coordinator
 * to choose from; those already tracked (by name) are marked.
 */
export async function commitmentProposals(
  townId: string,
  planId: string,
): Promise<SectionProposals[]> {
  const db = getDb();
  const [sections, tracked] = await Promise.all([
    db
      .selectFrom("sections")
      .select(["id", "title", "content"])
      .where("townId", "=", townId)
      .where("planId", "=", planId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("targets")
      .innerJoin("plans", "plans.id", "targets.planId")
      .select("targets.name")
      .where("plans.townId", "=", townId)
      .where("targets.planId", "=", planId)
      .execute(),
  ]);
  const names = new Set(tracked.map((t) => t.name));
  return sections.map((section) => ({
    sectionId: section.id,
    sectionTitle: section.title,
    proposals: findCommitments(blocksOf(section.content).join("\n")).map((guess) => ({
      ...guess,
      tracked: names.has(guess.name),
    })),
  }));
}

export type TrackResult =
  { ok: true; id: string } | { ok: false; status: 403 | 404 | 409 | 422; message: string };

/** Tracks one of a section's commitments; its office and leader are the section's. */
export async function trackCommitment(
  user: Coordinator,
  planId: string,
  input: {
    sectionId: string;
    name: string;
    value: string;
    unit: string;
    qualifier: string | null;
    source: string | null;
  },
): Promise<TrackResult> {
  const allowed = await trackable(user, planId);
  if (!allowed.ok) return allowed;
  const db = getDb();
  const section = await db
    .selectFrom("sections")
    .select(["id", "departmentId"])
    .where("townId", "=", user.townId)
    .where("planId", "=", planId)
    .where("id", "=", input.sectionId)
    .executeTakeFirst();
  if (!section) return { ok: false, status: 422, message: "所选章节不属于本计划。" };
  const id = newId();
  const sameName = (q: Pick<Kysely<Database>, "selectFrom">) =>
    q
      .selectFrom("targets")
      .select("id")
      .where("planId", "=", planId)
      .where("name", "=", input.name)
      .executeTakeFirst();
  // One name per plan: a target or commitment of that name has its figures already.
  // The unique index (plan, name) of commitments catches a second tab's insert.
  const added = await db
    .transaction()
    .execute(async (trx) => {
      if (await sameName(trx)) return false;
      const last = await trx
        .selectFrom("targets")
        .select((eb) => eb.fn.max("position").as("position"))
        .where("planId", "=", planId)
        .executeTakeFirst();
      await trx
        .insertInto("targets")
        .values({
          id,
          planId,
          position: Number(last?.position ?? 0) + 1,
          name: input.name,
          value: input.value,
          unit: input.unit,
          qualifier: input.qualifier,
          baseline: null,
          departmentId: section.departmentId,
          actual: null,
          sectionId: section.id,
          source: input.source,
        })
        .execute();
      return true;
    })
    .catch(async (error: unknown) => {
      // Refused by the index: the same commitment tracked a moment ago in another tab.
      if (await sameName(db)) return false;
      throw error;
    });
  if (!added) {
    return { ok: false, status: 409, message: `「${input.name}」已在跟踪，不能重复添加。` };
  }
  return { ok: true, id };
}

/** Stops tracking a commitment, while no figure has been entered for it. */
export async function untrackCommitment(
  user: Coordinator,
  planId: string,
  targetId: string,
): Promise<{ ok: true; name: string } | Extract<TrackResult, { ok: false }>> {
  const allowed = await trackable(user, planId);
  if (!allowed.ok) return allowed;
  const db = getDb();
  const commitment = await db
    .selectFrom("targets")
    .select(["id", "name"])
    .where("planId", "=", planId)
    .where("id", "=", targetId)
    .where("sectionId", "is not", null)
    .executeTakeFirst();
  if (!commitment) return { ok: false, status: 404, message: "该工作任务不在跟踪之列。" };
  // Only while no figure exists, checked in the same statement as a figure may arrive meanwhile.
  const deleted = await db
    .deleteFrom("targets")
    .where("id", "=", targetId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("targetProgress")
            .select("targetProgress.id")
            .whereRef("targetProgress.targetId", "=", "targets.id"),
        ),
      ),
    )
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) {
    return {
      ok: false,
      status: 409,
      message: `「${commitment.name}」已有报送的进度，不能取消跟踪。`,
    };
  }
  return { ok: true, name: commitment.name };
}
