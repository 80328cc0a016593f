// Column widths from what the columns hold, and which cells are figures.
// docx's fixed layout needs widths in twips; equal columns made 序号 as wide
// as 指标 and wrapped the names (the publication issue's reading).
import { textWidth } from "./layout";

/** No column narrower than this many characters (with the cell's margins). */
const MIN_CHARACTERS = 2.5;
/** A column's text wider than this wraps rather than taking the table. */
const MAX_CHARACTERS = 16;
/** Left and right cell margins, in characters. */
const PADDING = 1;
/** A column this narrow (序号, 进度, a figure) is kept whole when the others must wrap. */
const SHORT_CHARACTERS = 7;
/** One character of table text (四号, 14 pt) in twips. */
const CHARACTER_TWIPS = 280;

/**
 * A cell's text in characters, with the room word processors add between
 * Chinese and digits (autospace: "截至6月底" is about half a character wider).
 */
function cellWidth(text: string): number {
  const mixed = /\d/.test(text) && /[^\p{ASCII}]/u.test(text);
  return textWidth(text) + (mixed ? 0.5 : 0);
}

/**
 * Widths in twips summing to `total`: each column gets a share by its widest
 * cell (capped, so that one long cell wraps instead of squeezing the rest).
 * When the columns do not all fit, the short ones keep their whole width and
 * the long ones (names, offices) wrap: "达进度" broken over three lines helps
 * no one, "经济发展办公室" over two reads fine.
 */
export function columnWidths(rows: string[][], total: number): number[] {
  const columns = Math.max(1, ...rows.map((row) => row.length));
  const wanted = Array.from({ length: columns }, (_, c) => {
    const widest = Math.max(0, ...rows.map((row) => cellWidth(row[c] ?? "")));
    return Math.max(MIN_CHARACTERS, Math.min(MAX_CHARACTERS, widest + PADDING));
  });
  const sum = wanted.reduce((a, b) => a + b, 0);
  const available = total / CHARACTER_TWIPS;
  const short = wanted.map((w) => w <= SHORT_CHARACTERS);
  const shortSum = wanted.reduce((a, w, c) => a + (short[c] ? w : 0), 0);
  const squeezed = sum > available && short.includes(false) && shortSum <= available * 0.6;
  const longSum = sum - shortSum;
  const widths = wanted.map((w, c) =>
    !squeezed
      ? Math.floor((total * w) / sum)
      : short[c]
        ? Math.floor(w * CHARACTER_TWIPS)
        : Math.floor(((total - shortSum * CHARACTER_TWIPS) * w) / longSum),
  );
  // Rounding leftovers go to the widest column, so that the table is exactly `total`.
  const widest = wanted.indexOf(Math.max(...wanted));
  widths[widest]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** A figure (8, 6.5%, 1.2亿元, 5万亩, −3%) or a dash for none: centred in its cell. */
export function isFigure(text: string): boolean {
  const value = text.trim();
  return (
    /^[—–-]+$/.test(value) ||
    /^[-+−]?\d[\d,，.]*\s*(%|‰|[个家项亩元吨户人万亿千百]+|万元|亿元|万亩|公里|千米|平方米)?(以上|左右|以内)?$/.test(
      value,
    )
  );
}
