import { getDb } from "~db/client";
import { eventPastLabel, stateLabel } from "~workflows/labels";

import { deadlineStatus, type DeadlineStatus } from "~/utils/deadline";

import { listPlans } from "./plan.server";
import { type Editor, listOpenSections } from "./section.server";
import { planActions, sectionActions } from "./workflow.server";

export type TodoItem = {
  key: string;
  href: string;
  title: string;
  planTitle: string;
  stateLabel: string;
  /** What waits for me: the buttons I would press. */
  todo: string;
  deadline: string | null;
  deadlineStatus: DeadlineStatus;
  reminder: { by: string; at: string } | null;
};

/** Events that put work in my 待办 when the machine allows them for me. */
const TODO_SECTION_EVENTS = ["submit", "approve", "return"];

function sectionTodo(types: string[]): string {
  if (types.includes("approve")) return "待审核";
  return "待起草并提交";
}

/**
 * 待办: sections I must write or review and plan steps waiting for me, as
 * the machines decide; a coordinator's 催办 shows on the item until its state moves.
 */
export async function listTodo(user: Editor, now: Date = new Date()): Promise<TodoItem[]> {
  const sections = await listOpenSections(user.townId);
  const items: TodoItem[] = [];
  for (const section of sections) {
    const types = sectionActions(user, section)
      .map((a) => a.type)
      .filter((type) => TODO_SECTION_EVENTS.includes(type));
    if (types.length === 0) continue;
    items.push({
      key: section.id,
      href: `/plans/${section.planId}/sections/${section.id}`,
      title: section.title,
      planTitle: section.planTitle,
      stateLabel: section.stateLabel,
      todo: section.state === "returned" ? "已退回，待修改后重新提交" : sectionTodo(types),
      deadline: section.deadline,
      deadlineStatus: deadlineStatus(section.deadline, section.state === "approved", now),
      reminder: null,
    });
  }
  const reminders = await latestReminders(
    user.townId,
    items.map((item) => item.key),
  );
  for (const item of items) item.reminder = reminders.get(item.key) ?? null;

  for (const plan of await listPlans(user.townId)) {
    if (plan.state === "published") continue;
    const actions = (await planActions(user, plan)).filter((a) => a.disabledReason === null);
    if (actions.length === 0) continue;
    items.push({
      key: plan.id,
      href: `/plans/${plan.id}`,
      title: plan.title,
      planTitle: plan.title,
      stateLabel: plan.stateLabel,
      todo: `待${actions.map((a) => a.label).join("或")}`,
      deadline: null,
      deadlineStatus: null,
      reminder: null,
    });
  }
  return items;
}

/** The last 催办 on each section, if nothing has moved the section since. */
async function latestReminders(townId: string, sectionIds: string[]) {
  const found = new Map<string, { by: string; at: string }>();
  if (sectionIds.length === 0) return found;
  const events = await getDb()
    .selectFrom("workflow_events")
    .innerJoin("users", "users.id", "workflow_events.actor_id")
    .select([
      "workflow_events.section_id",
      "workflow_events.event",
      "workflow_events.created_at",
      "users.display_name",
    ])
    .where("workflow_events.town_id", "=", townId)
    .where("workflow_events.section_id", "in", sectionIds)
    .orderBy("workflow_events.created_at")
    .execute();
  for (const event of events) {
    if (!event.section_id) continue;
    if (event.event === "remind")
      found.set(event.section_id, { by: event.display_name, at: event.created_at });
    else found.delete(event.section_id);
  }
  return found;
}

export type RecordItem = {
  key: string;
  href: string;
  title: string;
  planTitle: string;
  what: string;
  at: string;
  /** Where the item is now. */
  nowLabel: string;
};

/** My events, newest first, with where their section or plan is now. */
function myEvents(user: Editor) {
  return getDb()
    .selectFrom("workflow_events")
    .innerJoin("plans", "plans.id", "workflow_events.plan_id")
    .leftJoin("sections", "sections.id", "workflow_events.section_id")
    .select([
      "workflow_events.id",
      "workflow_events.plan_id",
      "workflow_events.section_id",
      "workflow_events.subject",
      "workflow_events.event",
      "workflow_events.from_state",
      "workflow_events.created_at",
      "plans.title as plan_title",
      "plans.state as plan_state",
      "sections.state as section_state",
    ])
    .where("workflow_events.town_id", "=", user.townId)
    .where("workflow_events.actor_id", "=", user.id)
    .orderBy("workflow_events.created_at", "desc")
    .orderBy("workflow_events.ordinal", "desc");
}

type MyEvent = Awaited<ReturnType<ReturnType<typeof myEvents>["execute"]>>[number];

function recordItem(row: MyEvent, key: string): RecordItem {
  return {
    key,
    href:
      row.section_id && row.section_state
        ? `/plans/${row.plan_id}/sections/${row.section_id}`
        : `/plans/${row.plan_id}`,
    title: row.subject,
    planTitle: row.plan_title,
    what: eventPastLabel(row.event, !!row.section_id, row.from_state),
    at: row.created_at,
    nowLabel: stateLabel(row.section_id ? row.section_state : row.plan_state, !!row.section_id),
  };
}

/** 已办: what I did, newest first. */
export async function listDone(user: Editor, limit = 30): Promise<RecordItem[]> {
  const rows = await myEvents(user).limit(limit).execute();
  return rows.map((row) => recordItem(row, row.id));
}

/** 我发起: what I sent on (sections to review, the plan to 统稿 or the mayor) and where each is now. */
export async function listStarted(user: Editor): Promise<RecordItem[]> {
  const rows = await myEvents(user)
    .where("workflow_events.event", "in", ["submit", "startCompiling", "submitToMayor"])
    .execute();
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    const key = row.section_id ?? `${row.plan_id}:${row.event}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [recordItem(row, key)];
  });
}
