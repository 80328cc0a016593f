// Dates and times are shown in the town's time zone (China Standard Time),
// whatever the server's own zone is.
import { TIME_ZONE } from "./dates";

const dateTimeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const timeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(format: Intl.DateTimeFormat, date: Date) {
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "2026年11月21日 09:05" */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const p = parts(dateTimeFormat, typeof value === "string" ? new Date(value) : value);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** "12月3日 10:15": when a change was made, as a reviewer's note says it. */
export function formatMonthDayTime(value: string | Date): string {
  const p = parts(dateTimeFormat, typeof value === "string" ? new Date(value) : value);
  return `${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** "09:05" */
export function formatTime(value: Date): string {
  const p = parts(timeFormat, value);
  return `${p.hour}:${p.minute}`;
}

export { formatDateKey } from "./dates";
