// The page of GB/T 9704-2012 in Word units (EXPORT-SPEC.md): twips are
// 1/1440 inch, sizes are half-points.

export const PAGE = { width: 11906, height: 16838 };
export const MARGIN = { top: 2098, left: 1587, right: 1474, bottom: 1984, footer: 1446 };
/** Exact line pitch: 22 lines fill the 225 mm text block (580 would give 21). */
export const LINE_PITCH = 579;
/** Every body character is squeezed by 0.25 pt so that 28 fit in 156 mm. */
export const CHARACTER_SQUEEZE = -5;
/** One body character (16 pt less the squeeze) in twips. */
export const CHARACTER_WIDTH = 315;
export const CHARACTERS_PER_LINE = 28;
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 28 };
/** Tables never wider than the text block. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const TABLE_WIDTH = Math.min(8845, TEXT_WIDTH);
/** Page numbers sit one character in from the outer edge. */
export const PAGE_NUMBER_INSET = 280;

/** Width in body characters: a Chinese character counts 1, an ASCII one ½. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return width;
}

/** "2027年1月15日": Arabic numerals, no zero padding. */
export function formatDocumentDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

/** A 2号 title fits 20 characters a line in the text block. */
export const TITLE_CHARACTERS_PER_LINE = 20;

/**
 * Splits a long title into lines of nearly equal width (a 2号 title holds
 * 20 characters a line), never inside a run of digits or Latin letters.
 */
export function balancedTitleLines(title: string, perLine = TITLE_CHARACTERS_PER_LINE): string[] {
  const total = textWidth(title);
  const lines = Math.ceil(total / perLine);
  if (lines <= 1) return [title];
  const target = total / lines;
  const chars = [...title];
  const result: string[] = [];
  let current = "";
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    current += char;
    const next = chars[i + 1];
    const insideWord = /[0-9A-Za-z]/.test(char) && next !== undefined && /[0-9A-Za-z]/.test(next);
    if (result.length < lines - 1 && !insideWord && textWidth(current) >= target - 0.25) {
      result.push(current);
      current = "";
    }
  }
  if (current) result.push(current);
  return result;
}

/**
 * Where the issuing body and the date go for a document without a seal
 * (GB/T 9704 7.3.5.2): body 2 characters in from the right; the date on the
 * next line starts 2 characters right of the body's first character; when the
 * date is the longer, it keeps 2 characters from the right and the body moves
 * left. Answers right indents in characters.
 */
export function signaturePlacement(issuer: string, date: string, lineWidth = CHARACTERS_PER_LINE) {
  const issuerWidth = textWidth(issuer);
  const dateWidth = textWidth(date);
  let issuerStart = lineWidth - 2 - issuerWidth;
  let dateStart = issuerStart + 2;
  if (dateStart + dateWidth > lineWidth - 2) {
    dateStart = lineWidth - 2 - dateWidth;
    issuerStart = dateStart - 2;
  }
  return {
    issuerRight: lineWidth - issuerStart - issuerWidth,
    dateRight: lineWidth - dateStart - dateWidth,
  };
}
