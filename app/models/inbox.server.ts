import { getDb } from "~db/client";
import { eventPastLabel, stateLabel } from "~workflows/labels";

import { periodLabel } from "~/progress/periods";
import { deadlineStatus, type DeadlineStatus } from "~/utils/deadline";

import { othersChangesNote } from "./changes.server";
import { listPlans } from "./plan.server";
import { listProgressTodo } from "./target-progress.server";
import { type Editor, listOpenSections } from "./section.server";
import { planActions, sectionActions } from "./workflow/actions.server";
import { committeeOpinions } from "./workflow/record.server";

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
  /** What the item is about, e.g. the Party committee's opinions to work in. */
  note?: string | null;
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
      // A reviewer who edited the text before returning it: the drafter should look first.
      note:
        section.state === "returned"
          ? await othersChangesNote(user, section.id).then((note) =>
              note ? `${note}，请先查看修改痕迹` : null,
            )
          : null,
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
    // 按意见修改: the committee's opinions stay in view until 完成修改.
    const opinions =
      plan.state === "amending" ? await committeeOpinions(user.townId, plan.id) : null;
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
      note: opinions ? `党委会审议意见：${opinions.opinions ?? ""}` : null,
    });
  }
  // After 印发: figures of my targets that are late, and figures waiting for my confirmation.
  for (const figure of await listProgressTodo(user, now)) {
    items.push({
      key: figure.key,
      href: figure.href,
      title: `${figure.title}（${periodLabel(figure.period)}）`,
      planTitle: figure.planTitle,
      stateLabel: figure.due ? "未报送" : "待分管领导确认",
      todo: figure.todo,
      deadline: figure.due,
      deadlineStatus: figure.due ? deadlineStatus(figure.due, false, now) : null,
      reminder: figure.reminder,
    });
  }
  return items;
}

/** The last 催办 on each section, if nothing has moved the section since. */
async function latestReminders(townId: string, sectionIds: string[]) {
  const found = new Map<string, { by: string; at: string }>();
  if (sectionIds.length === 0) return found;
  const events = await getDb()
    .selectFrom("workflowEvents")
    .innerJoin("users", "users.id", "workflowEvents.actorId")
    .select([
      "workflowEvents.sectionId",
      "workflowEvents.event",
      "workflowEvents.createdAt",
      "users.displayName",
    ])
    .where("workflowEvents.townId", "=", townId)
    .where("workflowEvents.sectionId", "in", sectionIds)
    .orderBy("workflowEvents.createdAt")
    .execute();
  for (const event of events) {
    if (!event.sectionId) continue;
    if (event.event === "remind")
      found.set(event.sectionId, { by: event.displayName, at: event.createdAt });
    else found.delete(event.sectionId);
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
    .selectFrom("workflowEvents")
    .innerJoin("plans", "plans.id", "workflowEvents.planId")
    .leftJoin("sections", "sections.id", "workflowEvents.sectionId")
    .select([
      "workflowEvents.id",
      "workflowEvents.planId",
      "workflowEvents.sectionId",
      "workflowEvents.subject",
      "workflowEvents.event",
      "workflowEvents.fromState",
      "workflowEvents.createdAt",
      "plans.title as planTitle",
      "plans.state as planState",
      "sections.state as sectionState",
    ])
    .where("workflowEvents.townId", "=", user.townId)
    .where("workflowEvents.actorId", "=", user.id)
    .orderBy("workflowEvents.createdAt", "desc")
    .orderBy("workflowEvents.ordinal", "desc");
}

type MyEvent = Awaited<ReturnType<ReturnType<typeof myEvents>["execute"]>>[number];

function recordItem(row: MyEvent, key: string): RecordItem {
  return {
    key,
    href:
      row.sectionId && row.sectionState
        ? `/plans/${row.planId}/sections/${row.sectionId}`
        : `/plans/${row.planId}`,
    title: row.subject,
    planTitle: row.planTitle,
    what: eventPastLabel(row.event, !!row.sectionId, row.fromState),
    at: row.createdAt,
    nowLabel: stateLabel(row.sectionId ? row.sectionState : row.planState, !!row.sectionId),
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
    .where("workflowEvents.event", "in", ["submit", "startCompiling", "submitToMayor"])
    .execute();
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    const key = row.sectionId ?? `${row.planId}:${row.event}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [recordItem(row, key)];
  });
}
