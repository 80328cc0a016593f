import { getDb } from "~db/client";
import { nowIso } from "~db/time";
import { snapshotKindOf } from "~workflows/labels";
import type { PlanContext } from "~workflows/plan";

import { decidePlan, decideSection, type PolicyUser } from "~/policies/policy";
import { today } from "~/utils/dates";
import type { PlanEventFacts, PlanEventInput } from "~/utils/workflow-validation";

import { changesOf, recordCleanCopy } from "../changes.server";
import { planTextPlaceholders } from "../plan.server";
import { publicationFor } from "../publishing.server";
import { getSection, listSections } from "../section.server";
import { committeeApprovedOn, type Db, type EventDetails, recordEvent } from "./record.server";
import { type ApplyResult, MISSING, refusedBy } from "./section-events.server";
import { planCopy } from "./snapshots.server";
import { staleMessage } from "./stale.server";

/** What the plan machine's guards see of a stored plan. */
export async function planContextOf(db: Db, planId: string): Promise<PlanContext> {
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
    .where("sectionId", "is", null)
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

/** The stored facts a plan event's input is checked against (planEventSchema). */
export async function planEventFacts(
  townId: string,
  planId: string,
  now: Date = new Date(),
): Promise<PlanEventFacts | null> {
  const plan = await getDb()
    .selectFrom("plans")
    .select("state")
    .where("id", "=", planId)
    .where("townId", "=", townId)
    .executeTakeFirst();
  if (!plan) return null;
  return {
    state: plan.state,
    today: today(now),
    committeeApprovedOn: await committeeApprovedOn(townId, planId),
  };
}

/** What an event keeps on the record besides its reason. */
function detailsOf(
  input: PlanEventInput,
  extra: { reopened?: { ids: string[]; titles: string[] }; previousNumber?: string | null },
): EventDetails | null {
  const details: EventDetails = {};
  if ("meetingDate" in input && input.meetingDate && input.meetingNumber) {
    details.meeting = { date: input.meetingDate, number: input.meetingNumber };
  }
  if (input.type === "return" && extra.reopened) {
    Object.assign(details, {
      sections: extra.reopened.ids,
      whole: input.sections.length === 0,
      titles: extra.reopened.titles,
    });
  }
  if (input.type === "publish") {
    Object.assign(details, {
      documentNumber: input.documentNumber,
      date: input.date,
      format: input.format,
      issuer: input.issuer,
      sealed: input.sealed,
      publicRelease: input.publicRelease,
    });
  }
  if (input.type === "correctDocumentNumber") {
    Object.assign(details, {
      documentNumber: input.documentNumber,
      previous: extra.previousNumber ?? "",
    });
  }
  return Object.keys(details).length ? details : null;
}

/** The reason column holds what the person wrote: a return's reason, the committee's opinions. */
function reasonOf(input: PlanEventInput): string | null {
  if (input.type === "return" || input.type === "correctDocumentNumber") return input.reason;
  if (input.type === "approveWithAmendments") return input.opinions;
  return null;
}

/**
 * Applies a plan event like `applySectionEvent`. A return also reopens the
 * named sections (all of them when none is named), each with its own event;
 * publication keeps the whole document (印发稿) as it prints.
 */
export async function applyPlanEvent(
  user: PolicyUser & { townId: string },
  planId: string,
  input: PlanEventInput,
  now: Date = new Date(),
): Promise<ApplyResult> {
  const db = getDb();
  const plan = await db
    .selectFrom("plans")
    .select(["id", "title", "state", "version", "documentNumber"])
    .where("id", "=", planId)
    .where("townId", "=", user.townId)
    .executeTakeFirst();
  if (!plan) return MISSING;
  const context = await planContextOf(db, planId);
  const decision = decidePlan(user, input.type, { state: plan.state, context });
  if (plan.version !== input.baseVersion) {
    // A page that is out of date hears what happened meanwhile (a double click).
    return { ok: false, status: 409, message: await staleMessage(user.townId, { planId }) };
  }
  if (!decision.ok) return refusedBy(decision);
  const named = input.type === "return" ? input.sections : [];
  if (named.some((id) => !context.sectionIds.includes(id))) {
    return { ok: false, status: 422, message: "要退回的章节不属于本计划。" };
  }
  const next = decision.state;

  const at = nowIso(now);
  const reopen = input.type === "return" ? (named.length ? named : context.sectionIds) : [];
  // 清稿 with 开始统稿 / 完成修改: every section's changes since the coordinator's baseline.
  const toClean =
    (input.type === "startCompiling" || input.type === "finalize") && input.cleanCopy
      ? await pendingChanges(user, planId)
      : [];
  // 印发 freezes how the plan is issued, with the town's names and lists as they are now.
  const publication =
    input.type === "publish" ? JSON.stringify(await publicationFor(user.townId, input)) : null;
  const applied = await inTransaction(async (trx) => {
    const result = await trx
      .updateTable("plans")
      .set((eb) => ({
        state: next,
        version: eb("version", "+", 1),
        updatedAt: at,
        updatedBy: user.id,
        ...(input.type === "publish"
          ? { documentNumber: input.documentNumber, publishedOn: input.date, publication }
          : input.type === "correctDocumentNumber"
            ? { documentNumber: input.documentNumber }
            : {}),
      }))
      .where("id", "=", planId)
      .where("townId", "=", user.townId)
      .where("version", "=", input.baseVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;

    const sections = reopen.length
      ? await trx
          .selectFrom("sections")
          .select(["id", "title", "state", "content"])
          .where("planId", "=", planId)
          .where("id", "in", reopen)
          .orderBy("position")
          .execute()
      : [];
    const kind = snapshotKindOf(input.type, { plan: plan.state });
    await recordEvent(trx, {
      townId: user.townId,
      planId,
      sectionId: null,
      subject: plan.title,
      actorId: user.id,
      event: input.type,
      from: plan.state,
      to: next,
      reason: reasonOf(input),
      details: detailsOf(input, {
        reopened: { ids: [...reopen], titles: sections.map((s) => s.title) },
        previousNumber: plan.documentNumber,
      }),
      snapshot: kind ? { kind, content: JSON.stringify(await planCopy(trx, planId)) } : null,
      at,
    });

    let ordinal = 0; // the plan's own event was 0
    for (const section of sections) {
      // Reopening needs no facts about the text: only who asks.
      const reopened = decideSection(user, "reopen", {
        state: section.state,
        planState: plan.state,
        departmentId: null,
        leaderId: null,
        placeholders: 0,
        characters: 0,
        submittedBy: null,
      });
      if (!reopened.ok) continue; // not approved (cannot happen after compiling): leave it be
      await trx
        .updateTable("sections")
        .set((eb) => ({ state: reopened.state, version: eb("version", "+", 1) }))
        .where("id", "=", section.id)
        .execute();
      await recordEvent(trx, {
        townId: user.townId,
        planId,
        sectionId: section.id,
        subject: section.title,
        actorId: user.id,
        event: "reopen",
        from: section.state,
        to: reopened.state,
        reason: reasonOf(input),
        snapshot: { kind: "reopened", content: section.content },
        at,
        ordinal: ++ordinal,
      });
    }
    for (const { section, tracked } of toClean) {
      const cleaned = await recordCleanCopy(trx, user, section, tracked, section.version, now, {
        ordinal: ++ordinal,
      });
      if (!cleaned) throw new StaleSection();
    }
    return true;
  });
  if (!applied) {
    return { ok: false, status: 409, message: await staleMessage(user.townId, { planId }) };
  }
  return { ok: true, state: next, version: input.baseVersion + 1 };
}

/** A section changed while the plan's step was being written: nothing of the step is kept. */
class StaleSection extends Error {}

/** Runs `work` in a transaction; false (all undone) when it finds something stale. */
async function inTransaction(work: (trx: Db) => Promise<boolean>): Promise<boolean> {
  try {
    return await getDb().transaction().execute(work);
  } catch (error) {
    if (error instanceof StaleSection) return false;
    throw error;
  }
}

/** Each section of the plan with changes since the person's baseline (the start of 统稿 for 党政办). */
async function pendingChanges(user: PolicyUser & { townId: string }, planId: string) {
  const sections = await listSections(user.townId, planId);
  const pending = [];
  for (const row of sections) {
    const section = await getSection(user.townId, row.id);
    const changes = section ? await changesOf(user, section) : null;
    if (section && changes && changes.tracked.changes.length > 0) {
      pending.push({ section, tracked: changes.tracked });
    }
  }
  return pending;
}
