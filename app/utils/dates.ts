// Calendar days in the town's time zone (China Standard Time), whatever the
// server's or the browser's own zone is. Days are "YYYY-MM-DD" strings, which
// sort and compare as dates.
export const TIME_ZONE = "Asia/Shanghai";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** "2026-11-21": the calendar day in Beijing of an instant. */
export function formatDateKey(value: string | Date): string {
  return dayFormat.format(typeof value === "string" ? new Date(value) : value);
}

/** Today in Beijing. */
export function today(now: Date = new Date()): string {
  return formatDateKey(now);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written as YYYY-MM-DD (2027-02-30 is not). */
export function isCalendarDate(value: string | null | undefined): value is string {
  const match = value ? DAY.exec(value) : null;
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(value!);
}

function shift(day: string, change: (date: Date) => void): string {
  const date = new Date(`${day}T00:00:00Z`);
  change(date);
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return shift(day, (date) => date.setUTCDate(date.getUTCDate() + days));
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year + years, month - 1, date));
  if (target.getUTCMonth() !== month - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}
