// The 版头's mark and the 版记 of a 文件 (GB/T 9704-2012 §7.2.3, §7.4) in
// Word: positions are fixed with exact line heights, never left to a
// reader's paragraph spacing, so Word and LibreOffice print them alike.
import {
  AlignmentType,
  BorderStyle,
  Footer,
  HeightRule,
  LineRuleType,
  Paragraph,
  type ISectionOptions,
  SectionType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

import type { FontSettings } from "./fonts";
import {
  COLOPHON,
  copyToLineCount,
  LINE_PITCH,
  MARK,
  markSize,
  TEXT_HEIGHT,
  TEXT_WIDTH,
} from "./layout";
import type { DocumentBlock } from "./model";

/** The same name in all four font slots, or digits and dashes fall back to a Latin font. */
export function font(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

/** A run's text with its tab characters as Word's tabs (a literal one reads as a space). */
export function textWithTabs(text: string): (string | Tab)[] {
  return text.split("\t").flatMap((part, i) => (i === 0 ? [part] : [new Tab(), part]));
}

export const exact = (line = LINE_PITCH) => ({
  line,
  lineRule: LineRuleType.EXACT,
  before: 0,
  after: 0,
});

const NONE = { style: BorderStyle.NONE, size: 0, color: "auto" } as const;
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

/**
 * Where the mark's line sits: its ink starts this share of the font size
 * below the top of an exact line of 1.2 × the size (measured in LibreOffice
 * with the CJK fonts; a Chinese glyph's top is close to the em box's).
 */
const MARK_LINE = 1.2;
const MARK_INK_OFFSET = 0.12;

/** Half-points to twips. */
const twips = (halfPoints: number) => halfPoints * 10;

function markRun(text: string, size: number, fonts: FontSettings) {
  return new TextRun({
    text,
    size,
    color: MARK.color,
    font: font(fonts.title),
    characterSpacing: 0,
  });
}

/**
 * 发文机关标志: "示例镇人民政府文件" centred in red; for a joint document the
 * names one under the other, spread to one width, with 文件 to their right,
 * centred on them (§7.2.3). A spacer line first puts the mark's top edge
 * 35 mm under the text block's top.
 */
export function issuerMarkToDocx(
  block: Extract<DocumentBlock, { kind: "issuerMark" }>,
  fonts: FontSettings,
): (Paragraph | Table)[] {
  const size = markSize(block.names);
  const line = Math.round(twips(size) * MARK_LINE);
  const spacer = new Paragraph({
    spacing: exact(MARK.topGap - Math.round(twips(size) * MARK_INK_OFFSET)),
    children: [],
  });
  if (block.names.length === 1) {
    return [
      spacer,
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(line),
        keepNext: true,
        children: [markRun(`${block.names[0]}文件`, size, fonts)],
      }),
    ];
  }
  // The names column is as wide as the longest name, 文件 half a character off; centred.
  const suffixWidth = Math.round(twips(size) * 2.5);
  const nameWidth = (Math.max(...block.names.map((n) => [...n].length)) + 0.5) * twips(size);
  return [
    spacer,
    new Table({
      width: { size: nameWidth + suffixWidth, type: WidthType.DXA },
      columnWidths: [nameWidth, suffixWidth],
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      borders: NO_BORDERS,
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: nameWidth, type: WidthType.DXA },
              children: block.names.map(
                (name) =>
                  new Paragraph({
                    alignment: AlignmentType.DISTRIBUTE,
                    spacing: exact(line),
                    keepNext: true,
                    children: [markRun(name, size, fonts)],
                  }),
              ),
            }),
            new TableCell({
              width: { size: suffixWidth, type: WidthType.DXA },
              verticalAlign: VerticalAlign.CENTER,
              children: [
                new Paragraph({
                  alignment: AlignmentType.RIGHT,
                  spacing: exact(line),
                  children: [markRun("文件", size, fonts)],
                }),
              ],
            }),
          ],
        }),
      ],
    }),
  ];
}

/** Twips: the empty paragraph after the 版记's table. */
const TRAILER = 2;
/**
 * Twips left free under the 版记: LibreOffice wants about 0.7 mm more than
 * the rows and rules take before it moves a table to the next page. The last
 * rule lands 0.9 mm above the text block's bottom edge (measured in
 * layout-pdf.server.test.ts), inside the ±1 mm the rule allows.
 */
const LEEWAY = 10;

const RULE = (size: number) => ({ style: BorderStyle.SINGLE, size, color: "000000" });

function colophonRun(text: string, fonts: FontSettings) {
  return new TextRun({
    children: textWithTabs(text),
    size: COLOPHON.size,
    font: font(fonts.body),
    characterSpacing: 0,
  });
}

/**
 * 版记 (§7.4) as a section of its own that starts on an even page (a blank
 * page first when the text ends on one) and carries no page number (§7.5).
 * 抄送 and 印发机关/印发日期 sit between rules as wide as the text block —
 * thick above and below, thin between — and the last rule lies on the text
 * block's bottom edge: a spacer of exact height fills the page above them.
 */
export function colophonSection(
  block: Extract<DocumentBlock, { kind: "colophon" }>,
  fonts: FontSettings,
  page: ISectionOptions["properties"],
): ISectionOptions {
  const side = COLOPHON.character;
  const rows: { height: number; paragraph: Paragraph }[] = [];
  if (block.copyTo) {
    rows.push({
      height: copyToLineCount(block.copyTo) * LINE_PITCH,
      paragraph: new Paragraph({
        spacing: exact(),
        // Wrapped names line up under the first name, after "抄送：".
        indent: { left: side + 3 * side, hanging: 3 * side, right: side },
        children: [colophonRun(block.copyTo, fonts)],
      }),
    });
  }
  rows.push({
    height: LINE_PITCH,
    paragraph: new Paragraph({
      spacing: exact(),
      indent: { left: side, right: side },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - side }],
      children: [colophonRun(`${block.printer}\t${block.printedOn}`, fonts)],
    }),
  });
  // LibreOffice adds the rules' weight (eighths of a point) to the rows' exact
  // heights and needs that room on the page; Word draws them inside.
  const rules = Math.ceil((2 * COLOPHON.thick + (rows.length - 1) * COLOPHON.thin) * 2.5);
  const height = rows.reduce((sum, row) => sum + row.height, 0) + rules;
  const blank = new Footer({ children: [] });
  return {
    properties: { ...page, type: SectionType.EVEN_PAGE },
    footers: { default: blank, even: blank },
    children: [
      new Paragraph({ spacing: exact(TEXT_HEIGHT - height - TRAILER - LEEWAY), children: [] }),
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: [TEXT_WIDTH],
        layout: TableLayoutType.FIXED,
        margins: { left: 0, right: 0, top: 0, bottom: 0 },
        borders: {
          ...NO_BORDERS,
          top: RULE(COLOPHON.thick),
          bottom: RULE(COLOPHON.thick),
          insideHorizontal: RULE(COLOPHON.thin),
        },
        rows: rows.map(
          (row) =>
            new TableRow({
              cantSplit: true,
              height: { value: row.height, rule: HeightRule.EXACT },
              children: [
                new TableCell({
                  width: { size: TEXT_WIDTH, type: WidthType.DXA },
                  verticalAlign: VerticalAlign.CENTER,
                  children: [row.paragraph],
                }),
              ],
            }),
        ),
      }),
      // A document ends with a paragraph, never a table: a 1 pt one, or readers add a full line.
      new Paragraph({ spacing: exact(TRAILER), children: [new TextRun({ text: "", size: 2 })] }),
    ],
  };
}
