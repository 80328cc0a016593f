import { addDays, today as todayIn } from "./dates";

export type DeadlineStatus = "overdue" | "dueSoon" | null;

/** Sections due within this many days are flagged before they are late. */
export const DUE_SOON_DAYS = 3;

/** Overdue after the deadline day; due soon from three days before (Beijing dates). */
export function deadlineStatus(
  deadline: string | null,
  done: boolean,
  now: Date = new Date(),
): DeadlineStatus {
  if (!deadline || done) return null;
  const today = todayIn(now);
  if (deadline < today) return "overdue";
  if (deadline <= addDays(today, DUE_SOON_DAYS)) return "dueSoon";
  return null;
}

export const DEADLINE_LABELS: Record<Exclude<DeadlineStatus, null>, string> = {
  overdue: "已逾期",
  dueSoon: "即将到期",
};
