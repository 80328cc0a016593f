// The approval form (审批单) as a Word file: one A4 page, a bordered table in
// the town's official fonts (title in the title font, labels in the 一级标题
// font, entries in the body font). Pure: the same form and fonts give the
// same bytes.
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

import { type ApprovalForm, type FormRow, formDate, formNote, formRows } from "./approval-form";
import type { FontSettings } from "./fonts";
import { MARGIN, PAGE, SIZE, TABLE_WIDTH } from "./layout";
import { settle, TABLE_BORDERS } from "./render.server";

/** 小四 (12 pt) in half-points: a form holds more than a page of 4号 would. */
export const FORM_TEXT_SIZE = 24;
/** Exact line pitch of the table's text (16 pt). */
const FORM_LINE = 320;

export const FORM_STYLE_IDS = {
  title: "GwFormTitle",
  label: "GwFormLabel",
  text: "GwFormText",
  note: "GwFormNote",
} as const;

/**
 * Widths in twips of the outer table's four columns: label, entry, label,
 * entry. A label column holds five characters of 小四 (党委会审议) and its margins.
 */
const LABEL_WIDTH = 1700;
export const FORM_COLUMNS = [
  LABEL_WIDTH,
  2600,
  LABEL_WIDTH,
  TABLE_WIDTH - 2600 - 2 * LABEL_WIDTH,
] as const;
/** The entry of a row: the three columns right of its label. */
const ENTRY_WIDTH = TABLE_WIDTH - FORM_COLUMNS[0];
/** The cell margin left and right (Word's default). */
const CELL_MARGIN = 108;

function font(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

function styles(fonts: FontSettings) {
  const line = { line: FORM_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const style = (id: string, name: string, run: object, paragraph: object) => ({
    id,
    name,
    basedOn: "Normal",
    quickFormat: true,
    run,
    paragraph,
  });
  return {
    default: {
      document: {
        run: {
          font: font(fonts.body),
          size: FORM_TEXT_SIZE,
          language: { value: "zh-CN", eastAsia: "zh-CN" },
        },
        paragraph: { spacing: line },
      },
    },
    paragraphStyles: [
      style(
        FORM_STYLE_IDS.title,
        "审批单标题",
        { font: font(fonts.title), size: SIZE.title },
        {
          alignment: AlignmentType.CENTER,
          spacing: { line: 720, lineRule: LineRuleType.EXACT, before: 0, after: 240 },
          keepNext: true,
        },
      ),
      style(
        FORM_STYLE_IDS.label,
        "审批单栏目",
        { font: font(fonts.heading1), size: FORM_TEXT_SIZE },
        { alignment: AlignmentType.CENTER, spacing: line },
      ),
      style(
        FORM_STYLE_IDS.text,
        "审批单内容",
        { font: font(fonts.body), size: FORM_TEXT_SIZE },
        { spacing: line },
      ),
      style(
        FORM_STYLE_IDS.note,
        "审批单附注",
        { font: font(fonts.body), size: FORM_TEXT_SIZE },
        { spacing: { ...line, before: 120 } },
      ),
    ],
  };
}

const text = (value: string, style: string = FORM_STYLE_IDS.text) =>
  new Paragraph({ style, children: [new TextRun(value)] });

/** A label on its lines: "章节审核（分管领导）" breaks before its bracket, not inside a word. */
function labelCell(label: string, width: number) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: label.split(/(?=（)/).map((line) => text(line, FORM_STYLE_IDS.label)),
  });
}

/** One character of 小四 in twips. */
const CHARACTER = FORM_TEXT_SIZE * 10;

/**
 * How wide `value` sets in twips with its cell's margins: Chinese characters
 * whole, Latin letters and digits a little over half (readers' fallback fonts
 * and the space Word and LibreOffice put between Chinese and digits).
 */
export function setWidth(value: string): number {
  if (value.includes("\n")) return Math.max(...value.split("\n").map(setWidth));
  let width = 0;
  let previous: "cjk" | "latin" | null = null;
  for (const char of value) {
    const kind = char.charCodeAt(0) < 0x80 ? "latin" : "cjk";
    width += kind === "latin" ? 0.6 : 1;
    if (previous && previous !== kind && char !== " ") width += 0.15;
    previous = char === " " ? previous : kind;
  }
  return Math.ceil(width * CHARACTER) + 2 * CELL_MARGIN;
}

/**
 * Column widths of a part's table summing to `total`: a column that must not
 * wrap (names, days) gets what its widest cell needs; the others share the
 * rest by what they hold. When even that does not fit, all shrink alike.
 */
export function gridWidths(rows: string[][], wraps: readonly boolean[], total: number): number[] {
  const needed = wraps.map((_, c) => Math.max(...rows.map((row) => setWidth(row[c] ?? ""))));
  const fixed = needed.reduce((sum, width, c) => sum + (wraps[c] ? 0 : width), 0);
  const flexible = needed.reduce((sum, width, c) => sum + (wraps[c] ? width : 0), 0);
  const least = wraps.filter(Boolean).length * (2 * CHARACTER + 2 * CELL_MARGIN);
  const widths =
    fixed + least <= total && fixed + flexible > total
      ? needed.map((width, c) =>
          wraps[c]
            ? Math.max(
                2 * CHARACTER + 2 * CELL_MARGIN,
                Math.floor(((total - fixed) * width) / flexible),
              )
            : width,
        )
      : needed.map((width) => Math.floor((total * width) / (fixed + flexible)));
  // What rounding leaves goes to the last column, so that the table is exactly `total`.
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function entryCell(lines: string[], width: number, columnSpan?: number) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    columnSpan,
    children: lines.map((line) => text(line)),
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: "auto" } as const;

/**
 * A part of the form with several entries (章节审核, 退回记录…): a table of
 * its own inside the entry cell, lines between its cells, none at its edge
 * (the outer table draws those), columns as wide as what they hold.
 */
function grid(row: Extract<FormRow, { kind: "grid" }>): Table {
  const width = ENTRY_WIDTH;
  const widths = gridWidths([row.columns, ...row.rows], row.wraps, width);
  const cell = (value: string, c: number, style: string) =>
    new TableCell({
      width: { size: widths[c]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: value.split("\n").map((line) => text(line, style)),
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      ...TABLE_BORDERS,
      top: NONE,
      bottom: NONE,
      left: NONE,
      right: NONE,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: row.columns.map((column, c) => cell(column, c, FORM_STYLE_IDS.label)),
      }),
      ...row.rows.map(
        (cells) =>
          new TableRow({
            cantSplit: true,
            children: row.columns.map((_, c) => cell(cells[c] ?? "", c, FORM_STYLE_IDS.text)),
          }),
      ),
    ],
  });
}

/** Word wants every cell to end with a paragraph: one a point high after a table. */
const cellEnd = () =>
  new Paragraph({
    spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [new TextRun({ text: "", size: 2 })],
  });

function formRow(row: FormRow): TableRow {
  const [labelWidth, first, secondLabel, second] = FORM_COLUMNS;
  if (row.kind === "pair") {
    const [label1, value1, label2, value2] = row.cells;
    return new TableRow({
      cantSplit: true,
      children: [
        labelCell(label1, labelWidth),
        entryCell([value1], first),
        labelCell(label2, secondLabel),
        entryCell([value2], second),
      ],
    });
  }
  if (row.kind === "text") {
    return new TableRow({
      cantSplit: true,
      children: [labelCell(row.label, labelWidth), entryCell(row.lines, ENTRY_WIDTH, 3)],
    });
  }
  return new TableRow({
    children: [
      labelCell(row.label, labelWidth),
      row.rows.length
        ? new TableCell({
            width: { size: ENTRY_WIDTH, type: WidthType.DXA },
            columnSpan: 3,
            margins: { left: 0, right: 0, top: 0, bottom: 0 },
            children: [grid(row), cellEnd()],
          })
        : entryCell([row.empty], ENTRY_WIDTH, 3),
    ],
  });
}

/** The form as a .docx in the town's fonts. */
export async function renderApprovalFormDocx(
  form: ApprovalForm,
  fonts: FontSettings,
): Promise<Uint8Array> {
  const issuer = form.heading.replace(/发文审批单$/, "");
  const document = new Document({
    creator: issuer,
    lastModifiedBy: issuer,
    title: `${form.title}审批单`,
    subject: form.title,
    keywords: `${issuer}，审批单`,
    styles: styles(fonts),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: 851, gutter: 0 },
          },
        },
        children: [
          text(form.heading, FORM_STYLE_IDS.title),
          new Table({
            width: { size: TABLE_WIDTH, type: WidthType.DXA },
            columnWidths: [...FORM_COLUMNS],
            layout: TableLayoutType.FIXED,
            borders: TABLE_BORDERS,
            margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 40, bottom: 40 },
            rows: formRows(form).map(formRow),
          }),
          text(formNote(form), FORM_STYLE_IDS.note),
        ],
      },
    ],
  });
  return settle(new Uint8Array(await Packer.toBuffer(document)), formDate(form), fonts);
}

/** "示例镇2027年工作计划审批单.docx" */
export function approvalFormFilename(form: ApprovalForm): string {
  return `${form.title}审批单.docx`;
}
