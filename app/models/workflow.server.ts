import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";
import { type Decision, decide, type Refusal } from "~workflows/decide";
import {
  EVENT_PAST_LABELS,
  planEventLabel,
  eventPastLabel,
  SECTION_EVENT_LABELS,
  SNAPSHOT_NAMES,
} from "~workflows/labels";
import {
  PLAN_USER_EVENTS,
  type PlanEvent,
  type PlanEventType,
  type PlanState,
  planChecks,
  planMachine,
} from "~workflows/plan";
import {
  SECTION_USER_EVENTS,
  type SectionEvent,
  type SectionEventType,
  type SectionState,
  sectionChecks,
  sectionMachine,
} from "~workflows/section";

import { blocksOf } from "~/editor/diff";
import { formatDateKey, formatDateTime, formatTime } from "~/utils/format";

import { planTextPlaceholders } from "./plan.server";
import { actorOf, type Editor, getSection, sectionContextOf } from "./section.server";

type Db = ReturnType<typeof getDb>;

type EventType = PlanEventType | SectionEventType;

export type ApplyResult =
  | { ok: true; state: string; version: number }
  | { ok: false; status: 403 | 404 | 409 | 422; message: string };

const STATUS: Record<Refusal["code"], 403 | 409 | 422> = {
  forbidden: 403,
  conflict: 409,
  invalid: 422,
};

function refused(refusal: Refusal): ApplyResult {
  return { ok: false, status: STATUS[refusal.code], message: refusal.message };
}

const missing: ApplyResult = {
  ok: false,
  status: 404,
  message: "该章节或计划不存在，或不属于您所在的镇。",
};

/**
 * Why the page the user acted on is out of date, in the words the offices
 * use: "已由 张三 于 14:02 通过", or who saved the text last.
 */
async function staleMessage(
  townId: string,
  where: { sectionId: string } | { planId: string },
  lastSave?: { by: string | null; at: string },
): Promise<string> {
  let query = getDb()
    .selectFrom("workflowEvents")
    .innerJoin("users", "users.id", "workflowEvents.actorId")
    .select(["users.displayName", "workflowEvents.event", "workflowEvents.createdAt"])
    .where("workflowEvents.townId", "=", townId)
    .where("workflowEvents.event", "!=", "remind");
  query =
    "sectionId" in where
      ? query.where("workflowEvents.sectionId", "=", where.sectionId)
      : query
          .where("workflowEvents.planId", "=", where.planId)
          .where("workflowEvents.sectionId", "is", null);
  const last = await query.orderBy("workflowEvents.createdAt", "desc").limit(1).executeTakeFirst();
  const refresh = "请刷新页面查看最新状态。";
  if (lastSave?.by && (!last || lastSave.at > last.createdAt)) {
    return `内容已由 ${lastSave.by} 于 ${formatTime(new Date(lastSave.at))} 修改，${refresh}`;
  }
  if (!last) return `页面内容已过期，${refresh}`;
  const at = new Date(last.createdAt);
  const today = formatDateKey(at) === formatDateKey(new Date());
  const when = today ? formatTime(at) : formatDateTime(at);
  return `已由 ${last.displayName} 于 ${when} ${EVENT_PAST_LABELS[last.event] ?? last.event}，${refresh}`;
}

/** "送分管领导审核稿 第2次": the base name and how many came before. */
async function snapshotName(
  db: Db,
  base: string,
  where: { sectionId: string } | { planId: string },
) {
  let query = db
    .selectFrom("snapshots")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("name", "like", `${base}%`);
  query =
    "sectionId" in where
      ? query.where("sectionId", "=", where.sectionId)
      : query.where("planId", "=", where.planId).where("sectionId", "is", null);
  const { count } = await query.executeTakeFirstOrThrow();
  return `${base} 第${Number(count) + 1}次`;
}

async function insertEvent(
  db: Db,
  row: {
    townId: string;
    planId: string;
    sectionId: string | null;
    subject: string;
    actorId: string;
    event: EventType;
    from: PlanState | SectionState;
    to: PlanState | SectionState;
    reason?: string | null;
    details?: object | null;
    snapshot?: { name: string; content: string } | null;
    at: string;
    /** Position among the events this transaction writes with the same `at`. */
    ordinal?: number;
  },
) {
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
        name: row.snapshot.name,
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

export type SectionEventInput = {
  type: "submit" | "withdraw" | "approve" | "return" | "remind";
  reason?: string;
  baseVersion: number;
};

/**
 * Applies a person's event to a section: restores the stored state, asks the
 * section machine, and in one transaction writes the new state, the event
 * and a snapshot of the text. The version the user saw must still be current,
 * so a double click or a stale page makes exactly one transition.
 */
export async function applySectionEvent(
  user: Editor,
  sectionId: string,
  input: SectionEventInput,
  now: Date = new Date(),
): Promise<ApplyResult> {
  const section = await getSection(user.townId, sectionId);
  if (!section) return missing;
  const event = { ...input, actor: actorOf(user) } as SectionEvent;
  const stored = { state: section.state, context: sectionContextOf(section) };
  const decision = decide(sectionMachine, stored, event, sectionChecks);
  if (section.version !== input.baseVersion) {
    // Tell a forbidden person so; everyone else learns what happened meanwhile.
    if (!decision.ok && decision.refusal.code === "forbidden") return refused(decision.refusal);
    const lastSave = { by: section.updatedByName, at: section.updatedAt };
    return {
      ok: false,
      status: 409,
      message: await staleMessage(user.townId, { sectionId }, lastSave),
    };
  }
  if (!decision.ok) return refused(decision.refusal);
  const next = decision.state as SectionState; // decide() names a state of the section machine

  const at = nowIso(now);
  const db = getDb();
  const applied = await db.transaction().execute(async (trx) => {
    if (decision.changesState) {
      const result = await trx
        .updateTable("sections")
        .set((eb) => ({
          state: next,
          submittedBy: decision.context.submittedBy,
          version: eb("version", "+", 1),
        }))
        .where("id", "=", sectionId)
        .where("townId", "=", user.townId)
        .where("version", "=", input.baseVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
    }
    const base = SNAPSHOT_NAMES[`section:${input.type}`];
    await insertEvent(trx, {
      townId: user.townId,
      planId: section.planId,
      sectionId,
      subject: section.title,
      actorId: user.id,
      event: input.type,
      from: section.state,
      to: next,
      reason: input.reason,
      snapshot: base
        ? { name: await snapshotName(trx, base, { sectionId }), content: section.content }
        : null,
      at,
    });
    return true;
  });
  if (!applied) {
    return { ok: false, status: 409, message: await staleMessage(user.townId, { sectionId }) };
  }
  return {
    ok: true,
    state: decision.state,
    version: decision.changesState ? input.baseVersion + 1 : input.baseVersion,
  };
}

/** What the plan machine's guards see of a stored plan. */
export async function planContextOf(db: Db, planId: string) {
  const sections = await db
    .selectFrom("sections")
    .select(["id", "state"])
    .where("planId", "=", planId)
    .orderBy("position")
    .execute();
  const { count } = await db
    .selectFrom("targets")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("planId", "=", planId)
    .executeTakeFirstOrThrow();
  const texts = await db
    .selectFrom("plans")
    .select(["preamble", "closing"])
    .where("id", "=", planId)
    .executeTakeFirstOrThrow();
  return {
    sectionIds: sections.map((section) => section.id),
    approvedSections: sections.filter((section) => section.state === "approved").length,
    targets: Number(count),
    textPlaceholders: planTextPlaceholders(texts),
  };
}

/** The whole plan's text at a step: preamble, targets, every section, closing. */
async function planSnapshotContent(db: Db, planId: string): Promise<string> {
  const plan = await db
    .selectFrom("plans")
    .select(["title", "preamble", "closing"])
    .where("id", "=", planId)
    .executeTakeFirstOrThrow();
  const sections = await db
    .selectFrom("sections")
    .select(["id", "title", "content"])
    .where("planId", "=", planId)
    .orderBy("position")
    .execute();
  const targets = await db
    .selectFrom("targets")
    .select(["name", "value", "unit", "qualifier", "baseline", "departmentId"])
    .where("planId", "=", planId)
    .orderBy("position")
    .execute();
  // 存档稿 already stored name a target's department `department_id`; new ones keep that key.
  const stored = targets.map(({ departmentId, ...target }) => ({
    ...target,
    department_id: departmentId,
  }));
  return JSON.stringify({ ...plan, targets: stored, sections });
}

/** The Party committee's decisions carry its meeting (date, number) when one was given. */
function withMeeting(
  planState: string,
  input: PlanEventInput,
  details: object | null,
): object | null {
  if (planState !== "partyCommitteeReview") return details;
  if (!input.meetingDate && !input.meetingNumber) return details;
  return {
    ...details,
    meeting: { date: input.meetingDate ?? null, number: input.meetingNumber ?? null },
  };
}

async function sectionTitles(db: Db, planId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("sections")
    .select(["id", "title"])
    .where("planId", "=", planId)
    .where("id", "in", ids)
    .orderBy("position")
    .execute();
  return rows.map((row) => row.title);
}

export type PlanEventInput = {
  type:
    | "startCompiling"
    | "submitToMayor"
    | "approve"
    | "approveWithAmendments"
    | "finalize"
    | "return"
    | "publish";
  reason?: string;
  sections?: string[];
  documentNumber?: string;
  date?: string;
  /** The Party committee's meeting, recorded with its decision. */
  meetingDate?: string;
  meetingNumber?: string;
  baseVersion: number;
};

/**
 * Applies a plan event like `applySectionEvent`. A return also reopens the
 * named sections (all of them when none is named), each with its own event.
 */
export async function applyPlanEvent(
  user: Editor,
  planId: string,
  input: PlanEventInput,
  now: Date = new Date(),
): Promise<ApplyResult> {
  const db = getDb();
  const plan = await db
    .selectFrom("plans")
    .select(["id", "title", "state", "version"])
    .where("id", "=", planId)
    .where("townId", "=", user.townId)
    .executeTakeFirst();
  if (!plan) return missing;
  const event = { ...input, actor: actorOf(user) } as PlanEvent;
  const context = await planContextOf(db, planId);
  const decision = decide(planMachine, { state: plan.state, context }, event, planChecks);
  if (plan.version !== input.baseVersion) {
    if (!decision.ok && decision.refusal.code === "forbidden") return refused(decision.refusal);
    return { ok: false, status: 409, message: await staleMessage(user.townId, { planId }) };
  }
  if (!decision.ok) return refused(decision.refusal);
  const next = decision.state as PlanState; // decide() names a state of the plan machine
  // The committee's decision is recorded after its meeting: a later date is a typo.
  if (plan.state === "partyCommitteeReview" && (input.meetingDate ?? "") > formatDateKey(now)) {
    return { ok: false, status: 422, message: "会议日期不能晚于今天，请核对。" };
  }

  const at = nowIso(now);
  const reopen =
    input.type === "return" ? (input.sections?.length ? input.sections : context.sectionIds) : [];
  const applied = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("plans")
      .set((eb) => ({
        state: next,
        version: eb("version", "+", 1),
        updatedAt: at,
        ...(input.type === "publish"
          ? { documentNumber: input.documentNumber!.trim(), publishedOn: input.date! }
          : {}),
      }))
      .where("id", "=", planId)
      .where("townId", "=", user.townId)
      .where("version", "=", input.baseVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;

    const base =
      SNAPSHOT_NAMES[`plan:${input.type}:${plan.state}`] ?? SNAPSHOT_NAMES[`plan:${input.type}`];
    await insertEvent(trx, {
      townId: user.townId,
      planId,
      sectionId: null,
      subject: plan.title,
      actorId: user.id,
      event: input.type,
      from: plan.state,
      to: next,
      reason: input.reason,
      details: withMeeting(
        plan.state,
        input,
        input.type === "return"
          ? {
              sections: reopen,
              whole: !input.sections?.length,
              titles: await sectionTitles(trx, planId, reopen),
            }
          : input.type === "publish"
            ? { documentNumber: input.documentNumber!.trim(), date: input.date }
            : null,
      ),
      snapshot: base
        ? {
            name: await snapshotName(trx, base, { planId }),
            content: await planSnapshotContent(trx, planId),
          }
        : null,
      at,
    });

    let ordinal = 0; // the plan's own event was 0
    for (const sectionId of reopen) {
      const section = await trx
        .selectFrom("sections")
        .select(["id", "title", "state", "content"])
        .where("id", "=", sectionId)
        .executeTakeFirstOrThrow();
      const reopened = decide(
        sectionMachine,
        // Reopening needs no facts about the text: only who asks and why.
        {
          state: section.state,
          context: {
            departmentId: null,
            leaderId: null,
            placeholders: 0,
            characters: 0,
            planState: plan.state,
            submittedBy: null,
          },
        },
        { type: "reopen", actor: actorOf(user), reason: input.reason },
        sectionChecks,
      );
      if (!reopened.ok) continue; // not approved (cannot happen after compiling): leave it be
      const reopenedState = reopened.state as SectionState;
      await trx
        .updateTable("sections")
        .set((eb) => ({ state: reopenedState, version: eb("version", "+", 1) }))
        .where("id", "=", sectionId)
        .execute();
      await insertEvent(trx, {
        townId: user.townId,
        planId,
        sectionId,
        subject: section.title,
        actorId: user.id,
        event: "reopen",
        from: section.state,
        to: reopenedState,
        reason: input.reason,
        snapshot: {
          name: await snapshotName(trx, SNAPSHOT_NAMES["section:reopen"]!, { sectionId }),
          content: section.content,
        },
        at,
        ordinal: ++ordinal,
      });
    }
    return true;
  });
  if (!applied)
    return { ok: false, status: 409, message: await staleMessage(user.townId, { planId }) };
  return { ok: true, state: decision.state, version: input.baseVersion + 1 };
}

/** A button the UI shows: enabled, or disabled with the reason the machine gave. */
export type WorkflowAction = { type: string; label: string; disabledReason: string | null };

/**
 * Asks a machine about each event a person could send, with the inputs a
 * dialog would collect filled in, so that only who and when decide.
 */
function actionsFrom<T extends string>(
  types: readonly T[],
  ask: (type: T) => Decision<unknown>,
  label: (type: T) => string,
): WorkflowAction[] {
  return types.flatMap((type): WorkflowAction[] => {
    const decision = ask(type);
    if (decision.ok) return [{ type, label: label(type), disabledReason: null }];
    if (decision.handled && decision.refusal.code !== "forbidden") {
      return [{ type, label: label(type), disabledReason: decision.refusal.message }];
    }
    return [];
  });
}

const SAMPLE_INPUTS = {
  reason: "（理由）",
  documentNumber: "（文号）",
  date: "2000-01-01",
  meetingDate: "2000-01-01",
  meetingNumber: "（届次）",
};

export function sectionActions(
  user: Pick<Editor, "id" | "roles" | "departmentId">,
  section: Parameters<typeof sectionContextOf>[0] & { state: string },
): WorkflowAction[] {
  const stored = { state: section.state, context: sectionContextOf(section) };
  return actionsFrom(
    SECTION_USER_EVENTS,
    (type) =>
      decide(
        sectionMachine,
        stored,
        { type, actor: actorOf(user), ...SAMPLE_INPUTS } as SectionEvent,
        sectionChecks,
      ),
    (type) => SECTION_EVENT_LABELS[type],
  );
}

export async function planActions(
  user: Pick<Editor, "id" | "roles" | "departmentId">,
  plan: { id: string; state: string },
): Promise<WorkflowAction[]> {
  const stored = { state: plan.state, context: await planContextOf(getDb(), plan.id) };
  return actionsFrom(
    PLAN_USER_EVENTS,
    (type) =>
      decide(
        planMachine,
        stored,
        { type, actor: actorOf(user), sections: [], ...SAMPLE_INPUTS } as PlanEvent,
        planChecks,
      ),
    (type) => planEventLabel(type, plan.state),
  );
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

/** The text as it was when it was last returned, for "自上次退回以来的修改". */
export async function returnedSnapshot(townId: string, sectionId: string) {
  return getDb()
    .selectFrom("snapshots")
    .select(["name", "content", "createdAt"])
    .where("townId", "=", townId)
    .where("sectionId", "=", sectionId)
    .where((eb) => eb.or(RETURN_SNAPSHOTS.map((name) => eb("name", "like", `${name}%`))))
    .orderBy("createdAt", "desc")
    .limit(1)
    .executeTakeFirst();
}

const RETURN_SNAPSHOTS = [SNAPSHOT_NAMES["section:return"]!, SNAPSHOT_NAMES["section:reopen"]!];

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
      "snapshots.name as snapshotName",
    ])
    .where("workflowEvents.townId", "=", townId)
    .where("workflowEvents.planId", "=", planId);
  if (filters.section === "plan") query = query.where("workflowEvents.sectionId", "is", null);
  else if (filters.section) query = query.where("workflowEvents.sectionId", "=", filters.section);
  if (filters.actor) query = query.where("workflowEvents.actorId", "=", filters.actor);
  // An event name the record does not know simply matches nothing.
  if (filters.event) query = query.where("workflowEvents.event", "=", filters.event as EventType);
  const rows = await query
    .orderBy("workflowEvents.createdAt", "desc")
    .orderBy("workflowEvents.ordinal", "desc")
    .limit(limit + 1) // one more than shown tells whether older events follow
    .offset(offset)
    .execute();
  const events = rows.slice(0, limit).map(({ details, ...event }) => ({
    ...event,
    eventLabel: eventPastLabel(event.event, !!event.sectionId, event.from),
    note: detailsNote(details),
  }));
  return { events, hasMore: rows.length > limit };
}

function detailsNote(details: string | null): string | null {
  if (!details) return null;
  const parsed = JSON.parse(details) as {
    documentNumber?: string;
    date?: string;
    whole?: boolean;
    titles?: string[];
    meeting?: { date: string | null; number: string | null };
  };
  const notes: string[] = [];
  if (parsed.meeting) {
    notes.push(
      `党委会：${[parsed.meeting.number, parsed.meeting.date].filter(Boolean).join("，")}`,
    );
  }
  if (parsed.documentNumber) notes.push(`文号 ${parsed.documentNumber}，${parsed.date ?? ""} 印发`);
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

export type SnapshotView =
  | { kind: "section"; name: string; at: string; subject: string; blocks: string[] }
  | {
      kind: "plan";
      name: string;
      at: string;
      subject: string;
      preamble: string[];
      targets: { name: string; value: string; unit: string; qualifier: string | null }[];
      sections: { title: string; blocks: string[] }[];
      closing: string[];
    };

/** A stored 存档稿 of the town's plan, as text to read. */
export async function getSnapshot(
  townId: string,
  planId: string,
  snapshotId: string,
): Promise<SnapshotView | null> {
  const row = await getDb()
    .selectFrom("snapshots")
    .leftJoin("workflowEvents", "workflowEvents.snapshotId", "snapshots.id")
    .select([
      "snapshots.name",
      "snapshots.content",
      "snapshots.sectionId",
      "snapshots.createdAt",
      "workflowEvents.subject",
    ])
    .where("snapshots.townId", "=", townId)
    .where("snapshots.planId", "=", planId)
    .where("snapshots.id", "=", snapshotId)
    .executeTakeFirst();
  if (!row) return null;
  const base = { name: row.name, at: row.createdAt, subject: row.subject ?? "" };
  if (row.sectionId) return { kind: "section", ...base, blocks: blocksOf(row.content) };
  const plan = JSON.parse(row.content) as {
    title: string;
    preamble: string | null;
    closing: string | null;
    targets: { name: string; value: string; unit: string; qualifier: string | null }[];
    sections: { title: string; content: string }[];
  };
  return {
    kind: "plan",
    ...base,
    subject: plan.title,
    preamble: plan.preamble ? blocksOf(plan.preamble) : [],
    targets: plan.targets,
    sections: plan.sections.map((s) => ({ title: s.title, blocks: blocksOf(s.content) })),
    closing: plan.closing ? blocksOf(plan.closing) : [],
  };
}
