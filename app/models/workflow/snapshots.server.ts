// 存档稿: the copies of the text kept at each workflow step. A plan's copy
// holds everything its document prints, so the 印发稿 is the published
// document itself: renaming a department or changing the town's fonts later
// does not change a byte of it (docs/decisions/007-frozen-publication.md).
import { getDb } from "~db/client";
import { type SnapshotKind, snapshotName } from "~workflows/labels";

import type { PlanCopy } from "~/export/copy";
import { fontsFromJson } from "~/export/fonts";

import type { Db } from "./record.server";

export type { CopiedTarget, PlanCopy } from "~/export/copy";

/** The whole plan at a step: its texts, targets, every section, and how it prints. */
export async function planCopy(db: Db, planId: string): Promise<PlanCopy> {
  const plan = await db
    .selectFrom("plans")
    .innerJoin("towns", "towns.id", "plans.townId")
    .select([
      "plans.title",
      "plans.preamble",
      "plans.closing",
      "plans.targetsAsTable",
      "towns.name as townName",
      "towns.exportFonts",
      "towns.listStyle",
    ])
    .where("plans.id", "=", planId)
    .executeTakeFirstOrThrow();
  const sections = await db
    .selectFrom("sections")
    .select(["id", "title", "content"])
    .where("planId", "=", planId)
    .orderBy("position")
    .execute();
  const targets = await db
    .selectFrom("targets")
    .leftJoin("departments", "departments.id", "targets.departmentId")
    .select([
      "targets.name",
      "targets.value",
      "targets.unit",
      "targets.qualifier",
      "targets.baseline",
      "targets.actual",
      "targets.actualPeriod",
      "targets.departmentId",
      "departments.name as department",
    ])
    .where("targets.planId", "=", planId)
    .where("targets.sectionId", "is", null)
    .orderBy("targets.position")
    .execute();
  return {
    title: plan.title,
    preamble: plan.preamble,
    closing: plan.closing,
    targets: targets.map(({ departmentId, ...target }) => ({
      ...target,
      department_id: departmentId,
    })),
    sections,
    townName: plan.townName,
    fonts: fontsFromJson(plan.exportFonts),
    targetsAsTable: plan.targetsAsTable === 1,
    listStyle: plan.listStyle,
  };
}

/** The latest copy of a kind: of a section, or of the plan itself. */
async function latestCopy(
  townId: string,
  where: { sectionId: string } | { planId: string },
  kinds: readonly SnapshotKind[],
) {
  let query = getDb()
    .selectFrom("snapshots")
    .select(["id", "kind", "sequence", "content", "createdAt"])
    .where("townId", "=", townId)
    .where("kind", "in", kinds);
  query =
    "sectionId" in where
      ? query.where("sectionId", "=", where.sectionId)
      : query.where("planId", "=", where.planId).where("sectionId", "is", null);
  return query.orderBy("createdAt", "desc").limit(1).executeTakeFirst();
}

/** The text as it was when it was last returned, for "自上次退回以来的修改". */
export async function returnedSnapshot(townId: string, sectionId: string) {
  const copy = await latestCopy(townId, { sectionId }, ["returned", "reopened"]);
  return copy ? { ...copy, name: snapshotName(copy.kind, copy.sequence) } : null;
}

/** The published document (印发稿), or null when the plan was never published. */
export async function publishedCopy(townId: string, planId: string) {
  const copy = await latestCopy(townId, { planId }, ["published"]);
  return copy ? (JSON.parse(copy.content) as PlanCopy) : null;
}

export type SnapshotView = { name: string; at: string; subject: string } & (
  | { kind: "section"; content: string; sectionId: string; position: number }
  | { kind: "plan"; copy: PlanCopy }
);

/** A stored 存档稿 of the town's plan: a section's text, or the whole plan as copied. */
export async function getSnapshot(
  townId: string,
  planId: string,
  snapshotId: string,
): Promise<SnapshotView | null> {
  const row = await getDb()
    .selectFrom("snapshots")
    .leftJoin("workflowEvents", "workflowEvents.snapshotId", "snapshots.id")
    .leftJoin("sections", "sections.id", "snapshots.sectionId")
    .select([
      "snapshots.kind",
      "snapshots.sequence",
      "snapshots.content",
      "snapshots.sectionId",
      "snapshots.createdAt",
      "workflowEvents.subject",
      "sections.position",
    ])
    .where("snapshots.townId", "=", townId)
    .where("snapshots.planId", "=", planId)
    .where("snapshots.id", "=", snapshotId)
    .executeTakeFirst();
  if (!row) return null;
  const base = {
    name: snapshotName(row.kind, row.sequence),
    at: row.createdAt,
    subject: row.subject ?? "",
  };
  if (row.sectionId) {
    return {
      kind: "section",
      ...base,
      content: row.content,
      sectionId: row.sectionId,
      // A section removed since: its headings are numbered as if it came first.
      position: row.position ?? 1,
    };
  }
  const copy = JSON.parse(row.content) as PlanCopy;
  return { kind: "plan", ...base, subject: copy.title, copy };
}
