// The periods a town reports its targets' figures by: quarters ("2027-Q2") or
// months ("2027-06"), as the town chooses (系统管理). Pure.
import { z } from "~/utils/validation";

export const PERIOD_KINDS = ["quarter", "month"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  quarter: "按季度报送",
  month: "按月报送",
};

const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2027-Q2" or "2027-06", the API's and the forms' way of naming a period. */
export const PeriodSchema = z
  .string({ error: "请填写报送期，如 2027-Q2 或 2027-06" })
  .trim()
  .regex(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/, "报送期应写作 2027-Q2（季度）或 2027-06（月份）");

export type Period = string;

type Parsed = { year: number; kind: PeriodKind; index: number };

export function parsePeriod(period: Period): Parsed | null {
  const quarter = QUARTER.exec(period);
  if (quarter) return { year: Number(quarter[1]), kind: "quarter", index: Number(quarter[2]) };
  const month = MONTH.exec(period);
  if (month) return { year: Number(month[1]), kind: "month", index: Number(month[2]) };
  return null;
}

/** The last month a period covers (1–12). */
function lastMonth({ kind, index }: Parsed): number {
  return kind === "quarter" ? index * 3 : index;
}

/** Every period of a year, in order. */
export function periodsOf(year: number, kind: PeriodKind): Period[] {
  return kind === "quarter"
    ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
    : Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
}

/** The share of the year gone by the end of the period (时间进度): Q2 → 0.5, 2027-03 → 0.25. */
export function elapsedShare(period: Period): number {
  const parsed = parsePeriod(period);
  return parsed ? lastMonth(parsed) / 12 : 0;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The period's last day, YYYY-MM-DD. */
export function periodEnd(period: Period): string {
  const parsed = parsePeriod(period)!;
  const month = lastMonth(parsed);
  const days = new Date(Date.UTC(parsed.year, month, 0)).getUTCDate();
  return `${parsed.year}-${pad(month)}-${pad(days)}`;
}

/** Figures are due by the 10th of the month after the period (报送期限). */
export function periodDue(period: Period): string {
  const parsed = parsePeriod(period)!;
  const month = lastMonth(parsed);
  return month === 12 ? `${parsed.year + 1}-01-10` : `${parsed.year}-${pad(month + 1)}-10`;
}

/** The first day of the period. */
function periodStart(period: Period): string {
  const parsed = parsePeriod(period)!;
  const first = parsed.kind === "quarter" ? parsed.index * 3 - 2 : parsed.index;
  return `${parsed.year}-${pad(first)}-01`;
}

/** "2027年第二季度", "2027年6月". */
export function periodLabel(period: Period): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  return parsed.kind === "quarter"
    ? `${parsed.year}年第${"一二三四"[parsed.index - 1]}季度`
    : `${parsed.year}年${parsed.index}月`;
}

/** Short labels for a chart's axis: "一季度", "6月". */
export function periodShortLabel(period: Period): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  return parsed.kind === "quarter" ? `${"一二三四"[parsed.index - 1]}季度` : `${parsed.index}月`;
}

/**
 * Whether figures may be entered for `period` of a plan for `year` on `today`
 * (YYYY-MM-DD): a period of the plan's year, of the town's kind, already begun.
 */
export function periodOpen(period: Period, year: number, kind: PeriodKind, today: string) {
  const parsed = parsePeriod(period);
  if (!parsed || parsed.year !== year) return `报送期应在${year}年之内。`;
  if (parsed.kind !== kind) {
    return kind === "quarter"
      ? "本镇按季度报送，报送期应写作 2027-Q2 的形式。"
      : "本镇按月报送，报送期应写作 2027-06 的形式。";
  }
  if (periodStart(period) > today) return `${periodLabel(period)}尚未开始，不能报送。`;
  return null;
}

/** The periods whose figures are late on `today`: due already, in the year's order. */
export function duePeriods(year: number, kind: PeriodKind, today: string): Period[] {
  return periodsOf(year, kind).filter((period) => periodDue(period) < today);
}
