// The audit record (审核记录): writing an event with the copy of the text it
// keeps, and reading the record back in the offices' words.
import { getDb } from "~db/client";
import { newId } from "~db/time";
import {
  eventPastLabel,
  isRecordedEvent,
  type RecordedEvent,
  type SnapshotKind,
  snapshotName,
} from "~workflows/labels";
import type { PlanState } from "~workflows/plan";
import type { SectionState } from "~workflows/section";

import { formatDateKey } from "~/utils/dates";

export type Db = ReturnType<typeof getDb>;

/** The next number of a kind of copy on one section, or on the plan itself. */
async function nextSequence(
  db: Db,
  kind: SnapshotKind,
  where: { sectionId: string | null; planId: string },
) {
  let query = db
    .selectFrom("snapshots")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("planId", "=", where.planId)
    .where("kind", "=", kind);
  query = where.sectionId
    ? query.where("sectionId", "=", where.sectionId)
    : query.where("sectionId", "is", null);
  const { count } = await query.executeTakeFirstOrThrow();
  return Number(count) + 1;
}

export type EventRow = {
  townId: string;
  planId: string;
  sectionId: string | null;
  /** The section's title (or the plan's) as it is now. */
  subject: string;
  actorId: string;
  event: RecordedEvent;
  from: PlanState | SectionState;
  to: PlanState | SectionState;
  reason?: string | null;
  details?: object | null;
  snapshot?: { kind: SnapshotKind; content: string } | null;
  at: string;
  /** Position among the events this transaction writes with the same `at`. */
  ordinal?: number;
};

/** Writes one event and the copy of the text it keeps (inside the caller's transaction). */
export async function recordEvent(db: Db, row: EventRow): Promise<void> {
  let snapshotId: string | null = null;
  if (row.snapshot) {
    snapshotId = newId();
    await db
      .insertInto("snapshots")
      .values({
        id: snapshotId,
        townId: row.townId,
        planId: row.planId,
        sectionId: row.sectionId,
        kind: row.snapshot.kind,
        sequence: await nextSequence(db, row.snapshot.kind, row),
        content: row.snapshot.content,
        createdAt: row.at,
      })
      .execute();
  }
  await db
    .insertInto("workflowEvents")
    .values({
      id: newId(),
      townId: row.townId,
      planId: row.planId,
      sectionId: row.sectionId,
      subject: row.subject,
      actorId: row.actorId,
      event: row.event,
      fromState: row.from,
      toState: row.to,
      reason: row.reason?.trim() || null,
      details: row.details ? JSON.stringify(row.details) : null,
      snapshotId,
      createdAt: row.at,
      ordinal: row.ordinal ?? 0,
    })
    .execute();
}

/** Who returned the section last, when and why (shown on top of the editor). */
export async function lastReturn(townId: string, sectionId: string) {
  const row = await getDb()
    .selectFrom("workflowEvents")
    .innerJoin("users", "users.id", "workflowEvents.actorId")
    .select([
      "users.displayName as by",
      "workflowEvents.event",
      "workflowEvents.reason",
      "workflowEvents.createdAt as at",
    ])
    .where("workflowEvents.townId", "=", townId)
    .where("workflowEvents.sectionId", "=", sectionId)
    .where("workflowEvents.event", "in", ["return", "reopen"])
    .orderBy("workflowEvents.createdAt", "desc")
    .limit(1)
    .executeTakeFirst();
  return row
    ? { by: row.by, byPlan: row.event === "reopen", reason: row.reason ?? "", at: row.at }
    : null;
}

/** The Party committee's opinions of its last 原则通过, shown until 完成修改. */
export async function committeeOpinions(townId: string, planId: string) {
  return getDb()
    .selectFrom("workflowEvents")
    .innerJoin("users", "users.id", "workflowEvents.actorId")
    .select([
      "workflowEvents.reason as opinions",
      "workflowEvents.createdAt as at",
      "users.displayName as by",
    ])
    .where("workflowEvents.townId", "=", townId)
    .where("workflowEvents.planId", "=", planId)
    .where("workflowEvents.sectionId", "is", null)
    .where("workflowEvents.event", "=", "approveWithAmendments")
    .orderBy("workflowEvents.createdAt", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The day the Party committee approved the plan (审议通过 or 原则通过), if it has. */
export async function committeeApprovedOn(townId: string, planId: string): Promise<string | null> {
  const row = await getDb()
    .selectFrom("workflowEvents")
    .select(["details", "createdAt"])
    .where("townId", "=", townId)
    .where("planId", "=", planId)
    .where("sectionId", "is", null)
    .where("fromState", "=", "partyCommitteeReview")
    .where("event", "in", ["approve", "approveWithAmendments"])
    .orderBy("createdAt", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const details = row.details ? (JSON.parse(row.details) as EventDetails) : null;
  // Decisions recorded before meetings were required carry only the day they were entered.
  return details?.meeting?.date ?? formatDateKey(row.createdAt);
}

export type EventFilters = { section?: string; actor?: string; event?: string };

/** How many events one page of the record shows (the API may ask for fewer). */
export const EVENTS_PAGE_SIZE = 200;

/**
 * One page of the plan's record, newest first, optionally narrowed to one
 * section, person or event; `hasMore` says whether older events follow.
 */
export async function listPlanEvents(
  townId: string,
  planId: string,
  filters: EventFilters = {},
  { limit = EVENTS_PAGE_SIZE, offset = 0 }: { limit?: number; offset?: number } = {},
) {
  let query = getDb()
    .selectFrom("workflowEvents")
    .innerJoin("users", "users.id", "workflowEvents.actorId")
    .leftJoin("snapshots", "snapshots.id", "workflowEvents.snapshotId")
    .select([
      "workflowEvents.id",
      "workflowEvents.sectionId",
      "workflowEvents.subject",
      "workflowEvents.actorId",
      "users.displayName as actorName",
      "workflowEvents.event",
      "workflowEvents.fromState as from",
      "workflowEvents.toState as to",
      "workflowEvents.reason",
      "workflowEvents.details",
      "workflowEvents.createdAt as at",
      "workflowEvents.snapshotId",
      "snapshots.kind as snapshotKind",
      "snapshots.sequence as snapshotSequence",
    ])
    .where("workflowEvents.townId", "=", townId)
    .where("workflowEvents.planId", "=", planId);
  if (filters.section === "plan") query = query.where("workflowEvents.sectionId", "is", null);
  else if (filters.section) query = query.where("workflowEvents.sectionId", "=", filters.section);
  if (filters.actor) query = query.where("workflowEvents.actorId", "=", filters.actor);
  if (filters.event) {
    // An event name the record does not know matches nothing.
    if (!isRecordedEvent(filters.event)) return { events: [], hasMore: false };
    query = query.where("workflowEvents.event", "=", filters.event);
  }
  const rows = await query
    .orderBy("workflowEvents.createdAt", "desc")
    .orderBy("workflowEvents.ordinal", "desc")
    .limit(limit + 1) // one more than shown tells whether older events follow
    .offset(offset)
    .execute();
  const events = rows
    .slice(0, limit)
    .map(({ details, snapshotKind, snapshotSequence, ...event }) => ({
      ...event,
      eventLabel: eventPastLabel(event.event, !!event.sectionId, event.from),
      note: detailsNote(details),
      snapshotName:
        snapshotKind && snapshotSequence !== null
          ? snapshotName(snapshotKind, Number(snapshotSequence))
          : null,
    }));
  return { events, hasMore: rows.length > limit };
}

/** What an event's details hold, by event. */
export type EventDetails = {
  documentNumber?: string;
  date?: string;
  /** 文号 correction: the number before. */
  previous?: string;
  /** A return: the sections reopened, whether none was named, and their titles. */
  sections?: string[];
  whole?: boolean;
  titles?: string[];
  meeting?: { date: string | null; number: string | null };
  /** 清稿: how many changes it accepted. */
  changes?: number;
};

function detailsNote(details: string | null): string | null {
  if (!details) return null;
  const parsed = JSON.parse(details) as EventDetails;
  const notes: string[] = [];
  if (parsed.meeting) {
    notes.push(
      `党委会：${[parsed.meeting.number, parsed.meeting.date].filter(Boolean).join("，")}`,
    );
  }
  if (parsed.previous) notes.push(`文号由 ${parsed.previous} 更正为 ${parsed.documentNumber}`);
  else if (parsed.documentNumber) {
    notes.push(`文号 ${parsed.documentNumber}，${parsed.date ?? ""} 印发`);
  }
  if (parsed.changes) notes.push(`接受 ${parsed.changes} 处修订`);
  if (parsed.whole) notes.push("整个计划退回");
  else if (parsed.titles) notes.push(`退回章节：${parsed.titles.join("、")}`);
  return notes.length ? notes.join("；") : null;
}

/** Everyone who appears in a plan's record (for the person filter). */
export async function listPlanActors(townId: string, planId: string) {
  return getDb()
    .selectFrom("workflowEvents")
    .innerJoin("users", "users.id", "workflowEvents.actorId")
    .select(["users.id", "users.displayName as name"])
    .distinct()
    .where("workflowEvents.townId", "=", townId)
    .where("workflowEvents.planId", "=", planId)
    .orderBy("users.displayName")
    .execute();
}
