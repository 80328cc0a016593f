// The plan as a Word document in the official layout (GB/T 9704-2012,
// EXPORT-SPEC.md). Pure: the same input gives the same bytes.
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  Footer,
  type ISectionOptions,
  type IRunStylePropertiesOptions,
  InsertedTextRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  BorderStyle,
} from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

import { fontTableXml } from "./font-table";
import { colophonSection, exact, font, issuerMarkToDocx, textWithTabs } from "./issuance.server";
import { columnWidths, isFigure } from "./table-layout";
import type { FontSettings } from "./fonts";
import {
  CHARACTER_SQUEEZE,
  CHARACTER_WIDTH,
  MARGIN,
  MARK,
  PAGE,
  PAGE_NUMBER_INSET,
  SIZE,
  TABLE_WIDTH,
} from "./layout";
import type { ChangeMark } from "~/editor/attribution";

import {
  type Block,
  type DocumentBlock,
  type ExportInput,
  type ParagraphChange,
  type ParagraphStyle,
  planBlocks,
  type Run,
} from "./model";

/** Our own paragraph styles (Word's defaults are blue and Latin). */
export const STYLE_IDS: Record<ParagraphStyle | "tableText" | "tableHeader" | "footer", string> = {
  title: "GwTitle",
  draftMarker: "GwDraftMarker",
  documentNumber: "GwDocumentNumber",
  body: "GwBody",
  blank: "GwBody",
  heading1: "GwHeading1",
  heading2: "GwHeading2",
  heading3: "GwHeading3",
  tableCaption: "GwTableCaption",
  signature: "GwSignature",
  addressee: "GwAddressee",
  attachmentLabel: "GwAttachmentLabel",
  tableText: "GwTableText",
  tableHeader: "GwTableHeader",
  footer: "GwFooter",
};

const TWO_CHARACTERS = { firstLineChars: 200, firstLine: 2 * 320 };
const TABLE_LINE = { line: 400, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function styles(fonts: FontSettings) {
  const run = (name: string, size: number, extra: IRunStylePropertiesOptions = {}) => ({
    font: font(name),
    size,
    characterSpacing: CHARACTER_SQUEEZE,
    ...extra,
  });
  const style = (id: string, name: string, options: object) => ({
    id,
    name,
    basedOn: "Normal",
    next: STYLE_IDS.body,
    quickFormat: true,
    ...options,
  });
  const keepNext = { spacing: exact(), keepNext: true };
  return {
    default: {
      document: {
        // Chinese text: readers pick Chinese line breaking, spelling and fonts.
        run: {
          font: font(fonts.body),
          size: SIZE.body,
          language: { value: "zh-CN", eastAsia: "zh-CN" },
        },
        // Widow and orphan control on, as Word's own default: a page never starts with a
        // paragraph's last line nor ends with its first; such a page has 21 lines
        // (docs/decisions/012-widows-and-the-line-grid.md).
        paragraph: { spacing: exact(), widowControl: true },
      },
    },
    paragraphStyles: [
      style(STYLE_IDS.body, "公文正文", {
        run: run(fonts.body, SIZE.body),
        paragraph: {
          alignment: AlignmentType.JUSTIFIED,
          spacing: exact(),
          indent: TWO_CHARACTERS,
          widowControl: true,
        },
      }),
      style(STYLE_IDS.title, "公文标题", {
        run: run(fonts.title, SIZE.title, { characterSpacing: 0 }),
        paragraph: { alignment: AlignmentType.CENTER, ...keepNext },
      }),
      style(STYLE_IDS.draftMarker, "征求意见稿标注", {
        run: run(fonts.heading2, SIZE.body),
        paragraph: { alignment: AlignmentType.CENTER, ...keepNext },
      }),
      style(STYLE_IDS.documentNumber, "文号", {
        run: run(fonts.body, SIZE.body),
        paragraph: { alignment: AlignmentType.CENTER, ...keepNext },
      }),
      // Word's own heading names and outline levels: its navigation pane, a table
      // of contents and other readers (mammoth, our import) see the headings.
      style(STYLE_IDS.heading1, "heading 1", {
        run: run(fonts.heading1, SIZE.body, { bold: false }),
        paragraph: { indent: TWO_CHARACTERS, outlineLevel: 0, ...keepNext },
      }),
      style(STYLE_IDS.heading2, "heading 2", {
        run: run(fonts.heading2, SIZE.body, { bold: false }),
        paragraph: { indent: TWO_CHARACTERS, outlineLevel: 1, ...keepNext },
      }),
      style(STYLE_IDS.heading3, "heading 3", {
        run: run(fonts.body, SIZE.body, { bold: true }),
        paragraph: { indent: TWO_CHARACTERS, outlineLevel: 2, ...keepNext },
      }),
      style(STYLE_IDS.tableCaption, "表格标题", {
        run: run(fonts.heading1, SIZE.body),
        paragraph: { alignment: AlignmentType.CENTER, ...keepNext },
      }),
      style(STYLE_IDS.tableText, "表格文字", {
        run: run(fonts.body, SIZE.table, { characterSpacing: 0 }),
        paragraph: { spacing: TABLE_LINE },
      }),
      style(STYLE_IDS.tableHeader, "表头文字", {
        run: run(fonts.body, SIZE.table, { characterSpacing: 0, bold: true }),
        paragraph: { alignment: AlignmentType.CENTER, spacing: TABLE_LINE },
      }),
      style(STYLE_IDS.signature, "发文机关署名和成文日期", {
        run: run(fonts.body, SIZE.body),
        paragraph: { alignment: AlignmentType.RIGHT, spacing: exact() },
      }),
      // 主送机关 (§7.3.2): flush left, wrapped lines flush left too.
      style(STYLE_IDS.addressee, "主送机关", {
        run: run(fonts.body, SIZE.body),
        paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: exact(), keepNext: true },
      }),
      // "附件" on the attachment's first line, flush left in 黑体 (§7.3.4).
      style(STYLE_IDS.attachmentLabel, "附件标识", {
        run: run(fonts.heading1, SIZE.body),
        paragraph: keepNext,
      }),
      style(STYLE_IDS.footer, "页码", {
        run: { font: font(fonts.pageNumber), size: SIZE.pageNumber },
        paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
      }),
    ],
  };
}

/** Numbers for the tracked changes of one document: each w:ins / w:del needs its own. */
export class RevisionIds {
  private last = 0;
  next(): number {
    return ++this.last;
  }
}

/** Who and when, as Word's review pane shows them. */
function revisionOf(change: ChangeMark, ids: RevisionIds) {
  return { id: ids.next(), author: change.author, date: change.at };
}

function textRun(run: Run, ids: RevisionIds): TextRun | InsertedTextRun | DeletedTextRun {
  const options = {
    children: run.text.includes("\t") ? textWithTabs(run.text) : [run.text],
    break: run.breakBefore ? 1 : undefined,
    bold: run.bold,
    italics: run.italic,
    underline: run.underline ? {} : undefined,
  };
  if (run.change?.type === "insert") {
    return new InsertedTextRun({ ...options, ...revisionOf(run.change, ids) });
  }
  if (run.change?.type === "delete") {
    return new DeletedTextRun({ ...options, ...revisionOf(run.change, ids) });
  }
  return new TextRun(options);
}

/** A paragraph mark deleted with its paragraph, or new with it. */
function paragraphMark(change: ParagraphChange | undefined, ids: RevisionIds) {
  if (change?.deleted) return { deletion: revisionOf(change.deleted, ids) };
  if (change?.inserted) return { insertion: revisionOf(change.inserted, ids) };
  return undefined;
}

const ALIGN = {
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  left: AlignmentType.LEFT,
} as const;

/** The red separator line, 4 mm under the 文号 (§7.2.6), as wide as the text block. */
const RED_RULE = { style: BorderStyle.SINGLE, size: 12, color: MARK.color, space: 5 } as const;

const characters = (count: number) => Math.round(count * CHARACTER_WIDTH);

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
export const TABLE_BORDERS = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};

/** A bordered table no wider than the text block; the header row repeats and rows never split. */
function table(block: Extract<Block, { kind: "table" }>, ids: RevisionIds): Table {
  const columns = Math.max(1, ...block.rows.map((r) => r.length));
  const texts = block.rows.map((cells) => cells.map((runs) => runs.map((r) => r.text).join("")));
  const widths = columnWidths(texts, TABLE_WIDTH);
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    rows: block.rows.map((cells, index) => {
      const header = block.headerRow && index === 0;
      return new TableRow({
        tableHeader: header || undefined,
        cantSplit: true,
        children: Array.from(
          { length: columns },
          (_, c) =>
            new TableCell({
              width: { size: widths[c]!, type: WidthType.DXA },
              children: [
                new Paragraph({
                  style: header ? STYLE_IDS.tableHeader : STYLE_IDS.tableText,
                  // Figures line up in the middle of their column; words start at the left.
                  alignment:
                    !header && isFigure(texts[index]![c] ?? "") ? AlignmentType.CENTER : undefined,
                  children: (cells[c] ?? []).map((run) => textRun(run, ids)),
                }),
              ],
            }),
        ),
      });
    }),
  });
}

export function blockToDocx(block: Block, ids = new RevisionIds()): Paragraph | Table {
  if (block.kind === "table") return table(block, ids);
  const indent =
    block.leftIndent !== undefined || block.rightIndent !== undefined
      ? {
          left: block.leftIndent !== undefined ? characters(block.leftIndent) : undefined,
          right: block.rightIndent !== undefined ? characters(block.rightIndent) : undefined,
        }
      : undefined;
  return new Paragraph({
    run: paragraphMark(block.change, ids),
    style: STYLE_IDS[block.style],
    alignment: block.align ? ALIGN[block.align] : undefined,
    indent,
    tabStops: block.centerTabs?.map((at) => ({
      type: TabStopType.CENTER,
      position: characters(at),
    })),
    // The signature is placed by counting digits as half a character: readers
    // must not add their own space between Chinese and digits there.
    ...(block.style === "signature" ? { autoSpaceEastAsianText: false } : {}),
    keepNext: block.keepWithNext || undefined,
    pageBreakBefore: block.pageBreakBefore || undefined,
    border: block.redRuleBelow ? { bottom: RED_RULE } : undefined,
    children: block.runs.map((run) => textRun(run, ids)),
  });
}

/** "— 1 —" on the outer side: odd pages right, even pages left, one character in. */
function pageNumberFooter(side: "odd" | "even"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE_IDS.footer,
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: PAGE_NUMBER_INSET } : { left: PAGE_NUMBER_INSET },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/**
 * Writes the document. docx stamps the current time into docProps/core.xml
 * and the zip entries; both are set to the document's date so that the same
 * plan always gives the same bytes.
 */
export async function renderPlanDocx(input: ExportInput): Promise<Uint8Array> {
  return renderBlocksDocx(planBlocks(input), input);
}

/**
 * Any laid-out blocks (a whole plan, or one section's 修订稿) as a .docx in
 * the plan's layout; a 版记 goes into a section of its own after the text.
 */
export async function renderBlocksDocx(
  blocks: DocumentBlock[],
  meta: Pick<ExportInput, "fonts" | "issuer" | "title" | "date">,
): Promise<Uint8Array> {
  const ids = new RevisionIds();
  const page: ISectionOptions["properties"] = {
    page: {
      size: { width: PAGE.width, height: PAGE.height },
      margin: { ...MARGIN, header: 851, gutter: 0 },
    },
  };
  const colophon = blocks.find((block) => block.kind === "colophon");
  const document = new Document({
    creator: meta.issuer,
    lastModifiedBy: meta.issuer,
    title: meta.title,
    subject: meta.title,
    keywords: `${meta.issuer}，年度工作计划`,
    evenAndOddHeaderAndFooters: true,
    styles: styles(meta.fonts),
    sections: [
      {
        properties: page,
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        children: blocks.flatMap((block) => {
          if (block.kind === "issuerMark") return issuerMarkToDocx(block, meta.fonts);
          if (block.kind === "colophon") return [];
          return [blockToDocx(block, ids)];
        }),
      },
      ...(colophon ? [colophonSection(colophon, meta.fonts, page)] : []),
    ],
  });
  return settle(new Uint8Array(await Packer.toBuffer(document)), meta.date, meta.fonts);
}

const W3C_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;

/**
 * Same input, same bytes: fixed timestamps in the metadata and in the zip;
 * and the font table filled in (font-table.ts).
 */
export function settle(docx: Uint8Array, date: string, fonts: FontSettings): Uint8Array {
  const files = unzipSync(docx);
  files["word/fontTable.xml"] = strToU8(fontTableXml(fonts));
  const core = files["docProps/core.xml"];
  if (core) {
    files["docProps/core.xml"] = strToU8(strFromU8(core).replace(W3C_TIME, `${date}T00:00:00Z`));
  }
  return zipSync(files, { mtime: new Date(`${date}T00:00:00Z`), level: 6 });
}
