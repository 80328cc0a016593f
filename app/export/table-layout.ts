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

/**
 * Widths in twips summing to `total`: each column gets a share by its widest
 * cell (capped, so that one long cell wraps instead of squeezing the rest).
 */
export function columnWidths(rows: string[][], total: number): number[] {
  const columns = Math.max(1, ...rows.map((row) => row.length));
  const wanted = Array.from({ length: columns }, (_, c) => {
    const widest = Math.max(0, ...rows.map((row) => textWidth(row[c] ?? "")));
    return Math.max(MIN_CHARACTERS, Math.min(MAX_CHARACTERS, widest + PADDING));
  });
  const sum = wanted.reduce((a, b) => a + b, 0);
  const widths = wanted.map((w) => Math.floor((total * w) / sum));
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
