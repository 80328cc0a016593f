// 进度: a target's latest figure against the time elapsed (时间过半、任务过半).
// Pure; the rules and their margins are in docs/decisions/014-progress-rating.md.
import { elapsedShare, type Period } from "./periods";

export const RATINGS = ["超进度", "达进度", "欠进度"] as const;
export type Rating = (typeof RATINGS)[number];

export type RatedTarget = {
  name: string;
  /** Decimal text, as stored. */
  value: string;
  unit: string;
  qualifier: string | null;
};

/**
 * How a target is measured:
 * - `amount` (亿元, 个, 亩 …): figures add up through the year; the share done
 *   is set against the share of the year gone;
 * - `rate` (%: growth, ratios): each figure is the rate so far, set against
 *   the target itself.
 * `cap` targets count down (控制在3%以内, 以内): less is better.
 */
export function measureOf(target: RatedTarget): { kind: "amount" | "rate"; cap: boolean } {
  const kind = target.unit === "%" || target.unit === "‰" ? "rate" : "amount";
  const cap =
    /以内|以下|不超过|不高于/.test(target.qualifier ?? "") || target.name.includes("控制");
  return { kind, cap };
}

/** Ahead by this share of the year's target (amounts) or of the target rate: 超进度. */
export const AHEAD_MARGIN = 0.1;

export type Assessment = {
  rating: Rating;
  /** Amounts: the share of the year's target done (actual ÷ target); rates: null. */
  share: number | null;
  /** The share of the year gone at the period's end. */
  elapsed: number;
};

/** 0.1 亿元 of 1.2 in January is exactly on time, whatever binary fractions make of it. */
const EPSILON = 1e-9;

/** The rating of `actual` (the figure to date) for `period`. */
export function rate(target: RatedTarget, period: Period, actual: number): Assessment {
  const value = Number(target.value);
  const elapsed = elapsedShare(period);
  const { kind, cap } = measureOf(target);
  if (kind === "amount" && !cap) {
    const share = value > 0 ? actual / value : 1;
    const rating =
      share >= elapsed + AHEAD_MARGIN - EPSILON
        ? "超进度"
        : share >= elapsed - EPSILON
          ? "达进度"
          : "欠进度";
    return { rating, share, elapsed };
  }
  const share = kind === "amount" && value > 0 ? actual / value : null;
  if (cap) {
    // A ceiling: within it is on track; well within it a rate is ahead.
    if (actual > value) return { rating: "欠进度", share, elapsed };
    const ahead = kind === "rate" && actual <= value * (1 - AHEAD_MARGIN);
    return { rating: ahead ? "超进度" : "达进度", share, elapsed };
  }
  // A rate to reach (增长6%以上): the rate so far against the target.
  const rating =
    actual >= value * (1 + AHEAD_MARGIN) ? "超进度" : actual >= value ? "达进度" : "欠进度";
  return { rating, share: null, elapsed };
}

/** "62.5%" */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
