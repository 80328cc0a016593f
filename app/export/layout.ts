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

/** One line of the signature: where it starts (left) or ends (right), in body characters. */
export type SignatureLine = {
  text: string;
  indent: { left: number } | { right: number };
  /** Names side by side (joint, sealed): centre tab stops, in characters from the left. */
  centerTabs?: number[];
};

/** Seals of a joint document sit this far apart, centre to centre (a 42 mm seal is 7.5 characters). */
export const SEAL_SPACING = 9;

/**
 * The width a date prints at, for centring over it: Word sets a digit in ½
 * character with no space beside it (autoSpaceDN off); LibreOffice, which
 * ignores that setting, sets digits ≈ 0.55 character and adds ≈ 0.2 between
 * a digit and a Chinese character. Halfway between the two keeps a centred
 * line within ⅓ character of the middle in both.
 */
export function printedDateWidth(date: string): number {
  const digits = date.replace(/\D/g, "").length;
  const joins = (date.match(/\d(?=\D)|\D(?=\d)/g) ?? []).length;
  return textWidth(date) + (0.05 * digits + 0.2 * joins) / 2;
}

/**
 * Where the issuing bodies and the date go (GB/T 9704 §7.3.5), in body
 * characters. A line placed by where it starts keeps its place whatever a
 * reader does with digits, so starts are fixed wherever the rule fixes one.
 * - No seal: one blank line; each body 2 characters in from the right (the
 *   bodies of a joint document one under the other, starting together); the
 *   date starts 2 characters right of them. When the date would then come
 *   nearer than 2 characters to the right edge, everything moves left until
 *   it does not (as Word prints it, ½ character a digit).
 * - Sealed: two blank lines (the seal's top within a line of the text); the
 *   date 4 characters from the right; a single body centred over the date; a
 *   joint document's bodies side by side, the last centred over the date.
 */
export function signatureLayout(
  issuers: string[],
  date: string,
  sealed: boolean,
  lineWidth = CHARACTERS_PER_LINE,
): { blankLines: number; lines: SignatureLine[] } {
  if (sealed) {
    const dateLine: SignatureLine = { text: date, indent: { right: 4 } };
    const centre = lineWidth - 4 - printedDateWidth(date) / 2;
    if (issuers.length === 1) {
      const start = Math.max(0, centre - textWidth(issuers[0]!) / 2);
      return { blankLines: 2, lines: [{ text: issuers[0]!, indent: { left: start } }, dateLine] };
    }
    const centres = issuers.map((_, i) => centre - (issuers.length - 1 - i) * SEAL_SPACING);
    const shift = Math.max(0, textWidth(issuers[0]!) / 2 - centres[0]!);
    return {
      blankLines: 2,
      lines: [
        {
          text: `\t${issuers.join("\t")}`,
          indent: { left: 0 },
          centerTabs: centres.map((c) => c + shift),
        },
        dateLine,
      ],
    };
  }
  const start = Math.min(
    lineWidth - 2 - Math.max(...issuers.map(textWidth)),
    lineWidth - 2 - textWidth(date) - 2,
  );
  return {
    blankLines: 1,
    lines: [
      ...issuers.map((text) => ({ text, indent: { left: start } })),
      { text: date, indent: { left: start + 2 } },
    ],
  };
}

/** Millimetres as twips. */
export const mm = (value: number) => Math.round((value / 25.4) * 1440);

/** The text block's height: 225 mm. */
export const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;

/** 发文机关标志 (GB/T 9704 §7.2.3): red, its top edge 35 mm under the text block's top. */
export const MARK = {
  color: "FF0000",
  topGap: mm(35),
  /** Half-points: never larger than this, however short the name. */
  maxSize: 120,
};

/**
 * The mark's size in half-points: as large as fits the text block's width
 * (a joint mark holds the longest name, a gap and 文件), at most 60 pt.
 */
export function markSize(names: string[]): number {
  const width =
    names.length > 1 ? Math.max(...names.map(textWidth)) + 2.5 : textWidth(names[0]!) + 2;
  const points = Math.floor(TEXT_WIDTH / 20 / width);
  return Math.min(MARK.maxSize, points * 2);
}

/** 版记 (GB/T 9704 §7.4): 4号 characters, one of them kept free at each side. */
export const COLOPHON = {
  size: 28,
  character: 280,
  /** Rule weights in eighths of a point: 0.35 mm outer lines, 0.25 mm between. */
  thick: 8,
  thin: 6,
};

/** Lines the 抄送 line takes: it wraps under the first name, after "抄送：". */
export function copyToLineCount(line: string): number {
  const perLine = Math.floor(TEXT_WIDTH / COLOPHON.character) - 2;
  const width = textWidth(line);
  return 1 + Math.max(0, Math.ceil((width - perLine) / (perLine - 3)));
}
