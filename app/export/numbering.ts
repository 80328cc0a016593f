// Heading numbers of the official style, generated from position:
// 一、 / （一） / 1. / （1）. A number typed by hand is dropped, not doubled.

const DIGITS = "零一二三四五六七八九";

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (plans never reach 100 points). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones]!;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones ? DIGITS[ones] : ""}`;
}

export type HeadingLevel = 1 | 2 | 3 | 4;

export function headingNumber(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

const CN = "[一二三四五六七八九十百零〇]+";
const TYPED_NUMBER = new RegExp(
  `^\\s*(?:${CN}\\s*[、.．]|[（(]\\s*${CN}\\s*[)）]|\\d+\\s*[、.．](?!\\d)|[（(]\\s*\\d+\\s*[)）]|第${CN}(?:部分|章|节|条)?[、，,：:\\s])\\s*`,
);

/** "表3 " or "表 3：" at a caption's start, typed by the drafter or kept from Word. */
const TYPED_TABLE_NUMBER = /^\s*表\s*[0-9０-９]+\s*[：:.．、\-—]?\s*/;

/** A table caption's title without a number typed at its start (captions are numbered from their place). */
export function stripTypedTableNumber(text: string): string {
  return text.replace(TYPED_TABLE_NUMBER, "");
}

/** Whether a line reads as a table's caption ("表1 主要经济指标"): it starts with 表 and a number. */
export function isTypedTableCaption(text: string): boolean {
  return TYPED_TABLE_NUMBER.test(text) && stripTypedTableNumber(text).trim() !== "";
}

/** The printed number of a table caption: "表3 " (a full-width space before the title). */
export function tableNumber(n: number): string {
  return `表${n}\u3000`;
}

/** The heading text without a number the drafter typed at its start. */
export function stripTypedNumber(text: string): string {
  return text.replace(TYPED_NUMBER, "");
}

/**
 * Numbering across a whole plan: level-1 continues from section to section,
 * each level restarts under the level above it.
 */
export class HeadingCounter {
  private counts = [0, 0, 0, 0];

  /** A section read alone: its first level-1 heading is number `first` (its place in the plan). */
  static startingAt(first: number): HeadingCounter {
    const counter = new HeadingCounter();
    counter.counts[0] = Math.max(0, first - 1);
    return counter;
  }

  next(level: HeadingLevel): string {
    this.counts[level - 1]! += 1;
    for (let deeper = level; deeper < this.counts.length; deeper++) this.counts[deeper] = 0;
    return headingNumber(level, this.counts[level - 1]!);
  }
}
