// The plan laid out as styled blocks, independent of Word: one converter per
// editor node type turns Lexical JSON into these blocks; render.server.ts
// writes them as .docx and the print preview as HTML, so both number and
// punctuate alike.
import type { ChangeMark } from "~/editor/attribution";
import { percent } from "~/progress/rating";
import { reportColumn, reportFigure } from "~/progress/report-draft";

import type { FontSettings } from "./fonts";
import { DEFAULT_LIST_STYLE, listMarker, type ListStyle } from "./lists";
import { balancedTitleLines, formatDocumentDate, signatureLayout } from "./layout";
import {
  HeadingCounter,
  type HeadingLevel,
  stripTypedNumber,
  stripTypedTableNumber,
  tableNumber,
} from "./numbering";
import { toFullWidthPunctuation } from "./punctuation";
import { addresseeLine, copyToLine, noticeTitle, type Publication } from "./publication";

export type Run = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  breakBefore?: boolean;
  /** 修订稿: inserted or deleted since the baseline, by whom and when. */
  change?: ChangeMark;
};

/** 修订稿: a paragraph that is gone (its mark deleted too) or new since the baseline. */
export type ParagraphChange = { deleted?: ChangeMark; inserted?: ChangeMark };

export type ParagraphStyle =
  | "title"
  | "draftMarker"
  | "documentNumber"
  | "body"
  | "heading1"
  | "heading2"
  | "heading3"
  | "tableCaption"
  | "signature"
  | "addressee"
  | "attachmentLabel"
  | "blank";

export type Block =
  | {
      kind: "paragraph";
      style: ParagraphStyle;
      runs: Run[];
      align?: "center" | "right" | "left";
      /** Right indent in body characters (signature lines). */
      rightIndent?: number;
      /** Left indent in body characters (signature lines: where the rule fixes the start). */
      leftIndent?: number;
      /** Centre tab stops in body characters from the left (joint bodies side by side). */
      centerTabs?: number[];
      /** Starts a new page (the attachment of a 印发通知). */
      pageBreakBefore?: boolean;
      /** The red separator line 4 mm under the 文号 of the 版头. */
      redRuleBelow?: boolean;
      /** Kept on the page of the paragraph after it (the signature is never alone on a page). */
      keepWithNext?: boolean;
      change?: ParagraphChange;
    }
  | { kind: "table"; headerRow: boolean; rows: Run[][][] };

/** The whole document: the text's blocks, and the 版头's mark and the 版记 of a 文件. */
export type DocumentBlock =
  | Block
  /** 发文机关标志: the bodies' names and 文件 in red (版头, GB/T 9704 §7.2.3). */
  | { kind: "issuerMark"; names: string[] }
  /** 版记 (GB/T 9704 §7.4): on the last even page, at the foot of the text block. */
  | { kind: "colophon"; copyTo: string | null; printer: string; printedOn: string };

export type JsonNode = {
  type?: string;
  children?: JsonNode[];
  text?: string;
  /** Text: bit flags; elements: alignment ("center", …). */
  format?: number | string;
  tag?: string;
  listType?: string;
  headerState?: number;
  /** Annotated content (app/editor/attribution.ts): a changed piece, a deleted or new block. */
  $change?: ChangeMark;
  $deleted?: ChangeMark;
  $inserted?: ChangeMark;
};

export type ExportTarget = {
  name: string;
  value: string;
  unit: string;
  qualifier: string | null;
  baseline: string | null;
  department: string | null;
  /** A report's target: the figure to date of the report's period (decimal text). */
  actual?: string | null;
  /** The period `actual` is as of, when earlier than the report's. */
  actualPeriod?: string | null;
};

export type ExportInput = {
  title: string;
  /** Not yet approved: "（征求意见稿）" goes under the title. */
  draft: boolean;
  /** What goes under the title of a draft instead, e.g. "（修订稿）". */
  draftMarker?: string;
  documentNumber: string | null;
  preamble: string | null;
  targets: ExportTarget[];
  targetsAsTable: boolean;
  /** A report (半年总结, 年度总结): the period its targets' figures are for. */
  reportPeriod?: string | null;
  /** How unnumbered list items print (the town's choice). */
  listStyle?: ListStyle;
  sections: { title: string; content: string }[];
  closing: string | null;
  issuer: string;
  /** YYYY-MM-DD: the document's date. */
  date: string;
  fonts: FontSettings;
  /** How a published plan is issued (版头, 版记, seal); absent or null: plain. */
  publication?: Publication | null;
};

const IS_BOLD = 1;
const IS_ITALIC = 2;
const IS_UNDERLINE = 8;

/** Numbering through the plan: headings by level, and table captions (表N) so far. */
export type ConvertContext = { headings: HeadingCounter; tables: number; listStyle: ListStyle };

export function newContext(listStyle: ListStyle = DEFAULT_LIST_STYLE): ConvertContext {
  return { headings: new HeadingCounter(), tables: 0, listStyle };
}

/** A text node as a run, its punctuation made full-width. */
export function convertText(node: JsonNode): Run {
  const format = typeof node.format === "number" ? node.format : 0;
  const run: Run = { text: toFullWidthPunctuation(node.text ?? "") };
  if (format & IS_BOLD) run.bold = true;
  if (format & IS_ITALIC) run.italic = true;
  if (format & IS_UNDERLINE) run.underline = true;
  if (node.$change) run.change = node.$change;
  return run;
}

/** A block's own change in annotated content, for its paragraph mark. */
function paragraphChange(node: JsonNode): ParagraphChange | undefined {
  if (node.$deleted) return { deleted: node.$deleted };
  if (node.$inserted) return { inserted: node.$inserted };
  return undefined;
}

/** A generated number or marker of a block: new with the block, or none when it is gone. */
function numberRun(text: string, node: JsonNode): Run {
  return node.$inserted ? { text, change: node.$inserted } : { text };
}

/** Inline children: text, line breaks, tabs; marks and links only wrap text. */
export function convertInlines(nodes: JsonNode[] = []): Run[] {
  const runs: Run[] = [];
  let breakNext = false;
  for (const node of nodes) {
    if (node.type === "linebreak") {
      breakNext = true;
      continue;
    }
    const produced =
      node.type === "text"
        ? node.text
          ? [convertText(node)]
          : []
        : node.type === "tab"
          ? [{ text: "\u3000" }]
          : convertInlines(node.children);
    if (breakNext && produced[0]) {
      produced[0] = { ...produced[0], breakBefore: true };
      breakNext = false;
    }
    runs.push(...produced);
  }
  return runs;
}

export function textOf(nodes: JsonNode[] = []): string {
  return nodes.map((n) => n.text ?? textOf(n.children)).join("");
}

function alignmentOf(node: JsonNode): "center" | "right" | undefined {
  if (node.format === "center") return "center";
  if (node.format === "right" || node.format === "end") return "right";
  return undefined;
}

/** A body paragraph; empty ones are dropped (official text has no blank lines). */
export function convertParagraph(node: JsonNode): Block[] {
  if (!textOf(node.children).trim()) return [];
  return [
    {
      kind: "paragraph",
      style: "body",
      runs: convertInlines(node.children),
      align: alignmentOf(node),
      change: paragraphChange(node),
    },
  ];
}

/**
 * A heading numbered from its place in the whole plan; a number the drafter
 * typed at its start is dropped so that it is not doubled.
 */
export function convertHeading(node: JsonNode, context: ConvertContext): Block[] {
  const level = Math.min(Math.max(Number(node.tag?.slice(1)) || 1, 1), 3) as HeadingLevel;
  const children = withoutTypedNumber(node.children, stripTypedNumber);
  if (!textOf(children).trim()) return [];
  const style = HEADING_STYLES[level];
  // A heading deleted since the baseline keeps no number: the others number as they will print.
  const number = node.$deleted ? [] : [numberRun(context.headings.next(level), node)];
  return [
    {
      kind: "paragraph",
      style,
      runs: [...number, ...convertInlines(children)],
      change: paragraphChange(node),
    },
  ];
}

const HEADING_STYLES: Record<HeadingLevel, ParagraphStyle> = {
  1: "heading1",
  2: "heading2",
  3: "heading3",
  4: "heading3",
};

/**
 * Lists become body paragraphs with the official markers (./lists.ts):
 * numbered items （1）（2）, unnumbered ones 一是/二是 or （1） as the town
 * chooses, lists inside them ①②.
 */
export function convertList(
  node: JsonNode,
  depth = 0,
  listStyle: ListStyle = DEFAULT_LIST_STYLE,
): Block[] {
  let n = 0;
  return (node.children ?? []).flatMap((item) => {
    const nested = (item.children ?? []).filter((c) => c.type === "list");
    const inline = (item.children ?? []).filter((c) => c.type !== "list");
    const out: Block[] = [];
    if (textOf(inline).trim()) {
      // An item deleted since the baseline has no marker and is not counted.
      const marker = item.$deleted
        ? []
        : [numberRun(listMarker(node.listType, ++n, depth, listStyle), item)];
      out.push({
        kind: "paragraph",
        style: "body",
        runs: [...marker, ...convertInlines(inline)],
        change: paragraphChange(item),
      });
    }
    for (const list of nested) out.push(...convertList(list, depth + 1, listStyle));
    return out;
  });
}

/** Drops a number typed at the start of the first text children (the block numbers itself). */
function withoutTypedNumber(nodes: JsonNode[] = [], strip: (text: string) => string): JsonNode[] {
  const children = structuredClone(nodes);
  for (const child of children) {
    if (child.type !== "text") break;
    child.text = strip(child.text ?? "");
    if (child.text) break;
  }
  return children;
}

/**
 * A table's caption (表题), numbered through the plan (表1 is the targets
 * table when the plan shows one), centred and kept with its table.
 */
export function convertTableCaption(node: JsonNode, context: ConvertContext): Block[] {
  const children = withoutTypedNumber(node.children, stripTypedTableNumber);
  if (!textOf(children).trim()) return [];
  // A caption deleted since the baseline keeps no number, as a heading.
  const number = node.$deleted ? [] : [numberRun(tableNumber(++context.tables), node)];
  return [
    {
      kind: "paragraph",
      style: "tableCaption",
      runs: [...number, ...convertInlines(children)],
      keepWithNext: true,
      change: paragraphChange(node),
    },
  ];
}

/** A table keeps its cells' text; the first row is a header row when marked so in the editor. */
export function convertTable(node: JsonNode): Block[] {
  const rows = (node.children ?? []).filter((r) => r.type === "tablerow");
  if (rows.length === 0) return [];
  const cells = rows.map((row) =>
    (row.children ?? []).map((cell) =>
      (cell.children ?? []).flatMap((block, i) => {
        const runs = convertInlines(block.children);
        if (i > 0 && runs[0]) runs[0] = { ...runs[0], breakBefore: true };
        return runs;
      }),
    ),
  );
  const headerRow = (rows[0]!.children ?? []).every((cell) => ((cell.headerState ?? 0) & 1) === 1);
  return [{ kind: "table", headerRow, rows: cells }];
}

/** Any block of section content. */
export function convertBlock(node: JsonNode, context: ConvertContext): Block[] {
  switch (node.type) {
    case "heading":
      return convertHeading(node, context);
    case "list":
      return convertList(node, 0, context.listStyle);
    case "table":
      return convertTable(node);
    case "tablecaption":
      return convertTableCaption(node, context);
    default:
      return node.children ? convertParagraph(node) : [];
  }
}

/** How many table captions a stored text numbers (the editor starts the next section after them). */
export function captionCount(json: string | null): number {
  if (!json?.includes('"tablecaption"')) return 0;
  const context = newContext();
  for (const node of rootChildren(json)) {
    if (node.type === "tablecaption") convertTableCaption(node, context);
  }
  return context.tables;
}

function rootChildren(json: string): JsonNode[] {
  try {
    return (JSON.parse(json) as { root: JsonNode }).root.children ?? [];
  } catch {
    return [];
  }
}

/** A stored Lexical state (JSON text) as blocks. */
export function convertContent(json: string | null, context: ConvertContext): Block[] {
  if (!json) return [];
  return rootChildren(json).flatMap((node) => convertBlock(node, context));
}

/** "地区生产总值增长6%以上" */
export function targetPhrase(target: ExportTarget): string {
  return `${target.name}${target.value}${target.unit}${target.qualifier ?? ""}`;
}

/** 主要预期目标 as the usual sentence. */
export function targetsSentence(targets: ExportTarget[]): string | null {
  if (targets.length === 0) return null;
  return toFullWidthPunctuation(`主要预期目标是：${targets.map(targetPhrase).join("，")}。`);
}

function targetsTable(targets: ExportTarget[], context: ConvertContext): Block[] {
  const cell = (text: string): Run[] => [{ text: toFullWidthPunctuation(text) }];
  return [
    {
      kind: "paragraph",
      style: "tableCaption",
      runs: [{ text: `${tableNumber(++context.tables)}主要预期目标` }],
      keepWithNext: true,
    },
    {
      kind: "table",
      headerRow: true,
      rows: [
        ["序号", "指标", "预期目标", "上年完成", "责任单位"].map(cell),
        ...targets.map((t, i) =>
          [
            String(i + 1),
            t.name,
            `${t.value}${t.unit}${t.qualifier ?? ""}`,
            t.baseline ? `${t.baseline}${t.unit}` : "—",
            t.department ?? "—",
          ].map(cell),
        ),
      ],
    },
  ];
}

/**
 * A report's targets: plan, figure to date, share done and 进度 (时间过半、任务过半),
 * rated as on the plan page (app/progress/rating.ts). 完成比例 only where an
 * amount has one: rates alone would leave a column of dashes.
 */
function reportTargetsTable(
  targets: ExportTarget[],
  period: string,
  context: ConvertContext,
): Block[] {
  const cell = (text: string): Run[] => [{ text: toFullWidthPunctuation(text) }];
  const figures = targets.map((t) => reportFigure(t, period));
  const shares = figures.some((f) => f?.assessed.share != null);
  const share = (row: string[], text: string) => (shares ? [...row, text] : row);
  return [
    {
      kind: "paragraph",
      style: "tableCaption",
      runs: [{ text: `${tableNumber(++context.tables)}主要指标完成情况` }],
      keepWithNext: true,
    },
    {
      kind: "table",
      headerRow: true,
      rows: [
        [
          ...share(["序号", "指标", "全年目标", reportColumn(period)], "完成比例"),
          "进度",
          "责任单位",
        ].map(cell),
        ...targets.map((t, i) => {
          const figure = figures[i];
          const assessed = figure?.assessed;
          return [
            ...share(
              [
                String(i + 1),
                t.name,
                `${t.value}${t.unit}${t.qualifier ?? ""}`,
                figure?.text ?? "—",
              ],
              assessed?.share != null ? percent(assessed.share) : "—",
            ),
            assessed?.rating ?? "未报送",
            t.department ?? "—",
          ].map(cell);
        }),
      ],
    },
  ];
}

/**
 * The issuing bodies and the date after the text (GB/T 9704 §7.3.5, see
 * signatureLayout), then the 附注 "（此件公开发布）" when chosen. Every line but
 * the last keeps with the next: the signature never parts.
 */
export function signatureBlocks(
  issuers: string[],
  isoDate: string,
  { sealed = false, publicRelease = false }: { sealed?: boolean; publicRelease?: boolean } = {},
): Block[] {
  const layout = signatureLayout(issuers, formatDocumentDate(isoDate), sealed);
  const blocks: Block[] = Array.from({ length: layout.blankLines }, () => ({
    kind: "paragraph",
    style: "blank",
    runs: [],
  }));
  for (const line of layout.lines) {
    blocks.push({
      kind: "paragraph",
      style: "signature",
      runs: [{ text: line.text }],
      ...("left" in line.indent
        ? { align: "left", leftIndent: line.indent.left }
        : { align: "right", rightIndent: line.indent.right }),
      ...(line.centerTabs ? { centerTabs: line.centerTabs } : {}),
    });
  }
  if (publicRelease)
    blocks.push({ kind: "paragraph", style: "body", runs: [{ text: "（此件公开发布）" }] });
  return blocks.map((block, i) =>
    i < blocks.length - 1 && block.kind === "paragraph" ? { ...block, keepWithNext: true } : block,
  );
}

/** The text's last paragraph goes with the signature to a new page, never the signature alone. */
function keepLastWithNext<T extends DocumentBlock>(blocks: T[]): T[] {
  const last = blocks.at(-1);
  if (last?.kind !== "paragraph") return blocks;
  return [...blocks.slice(0, -1), { ...last, keepWithNext: true }];
}
/** The title, the draft's marker and the 文号, then the blank line before the text. */
export function headBlocks(
  input: Pick<ExportInput, "title" | "draft" | "draftMarker" | "documentNumber">,
): Block[] {
  const blocks: Block[] = [titleBlock(input.title)];
  if (input.draft) {
    blocks.push({
      kind: "paragraph",
      style: "draftMarker",
      align: "center",
      runs: [{ text: input.draftMarker ?? "（征求意见稿）" }],
    });
  }
  if (input.documentNumber) {
    blocks.push({
      kind: "paragraph",
      style: "documentNumber",
      align: "center",
      runs: [{ text: input.documentNumber }],
    });
  }
  blocks.push(blank());
  return blocks;
}

/** The title lines of a 2号 heading. */
function titleBlock(title: string): Block {
  return {
    kind: "paragraph",
    style: "title",
    align: "center",
    runs: balancedTitleLines(title).map((text, i) => ({ text, breakBefore: i > 0 || undefined })),
  };
}

type ParagraphBlock = Extract<Block, { kind: "paragraph" }>;

const blank = (): ParagraphBlock => ({ kind: "paragraph", style: "blank", runs: [] });

/**
 * 版头 (GB/T 9704 §7.2): the red 发文机关标志, two blank lines, the 文号 with the
 * red separator line under it, two blank lines; the title follows.
 */
export function redHeadBlocks(
  publication: Publication,
  documentNumber: string | null,
): DocumentBlock[] {
  const names = publication.issuers;
  return [
    { kind: "issuerMark", names },
    blank(),
    blank(),
    {
      kind: "paragraph",
      style: "documentNumber",
      align: "center",
      runs: [{ text: documentNumber ?? "" }],
      redRuleBelow: true,
    },
    blank(),
    blank(),
  ];
}

/** The plan's own text: preamble, targets, sections, closing. */
function planTextBlocks(input: ExportInput, context: ConvertContext): Block[] {
  const blocks = [...convertContent(input.preamble, context)];
  const period = input.reportPeriod;
  const sentence = period ? null : targetsSentence(input.targets);
  if (sentence) blocks.push({ kind: "paragraph", style: "body", runs: [{ text: sentence }] });
  if (input.targetsAsTable && input.targets.length > 0) {
    blocks.push(
      ...(period
        ? reportTargetsTable(input.targets, period, context)
        : targetsTable(input.targets, context)),
    );
  }
  for (const section of input.sections) blocks.push(...convertContent(section.content, context));
  blocks.push(...convertContent(input.closing, context));
  return blocks;
}

/** The 版记: 抄送 (if any) and 印发机关 with 印发日期 "2027年1月20日印发". */
function colophonOf(publication: Publication, date: string): DocumentBlock {
  return {
    kind: "colophon",
    copyTo: copyToLine(publication.copyTo),
    printer: publication.printer,
    printedOn: `${formatDocumentDate(date)}印发`,
  };
}

/**
 * 通知式: a short 印发通知 under the red head, signed, then the plan on a new
 * page as its attachment ("附件" on the first line, the title on the third).
 */
function noticeBlocks(
  input: ExportInput,
  publication: Publication,
  context: ConvertContext,
): DocumentBlock[] {
  const blocks: DocumentBlock[] = [
    ...redHeadBlocks(publication, input.documentNumber),
    titleBlock(noticeTitle(publication.issuers, input.title)),
    blank(),
  ];
  const addressee = addresseeLine(publication.mainRecipients);
  if (addressee)
    blocks.push({ kind: "paragraph", style: "addressee", runs: [{ text: addressee }] });
  blocks.push(
    {
      kind: "paragraph",
      style: "body",
      runs: [{ text: `现将《${input.title}》印发给你们，请认真贯彻落实。` }],
    },
    blank(),
    { kind: "paragraph", style: "body", runs: [{ text: `附件：${input.title}` }] },
  );
  const signed = [
    ...keepLastWithNext(blocks),
    ...signatureBlocks(publication.issuers, input.date, publication),
  ];
  return [
    ...signed,
    {
      kind: "paragraph",
      style: "attachmentLabel",
      runs: [{ text: "附件" }],
      pageBreakBefore: true,
      keepWithNext: true,
    },
    { ...blank(), keepWithNext: true },
    titleBlock(input.title),
    blank(),
    ...planTextBlocks(input, context),
  ];
}

/** The whole document, top to bottom. */
export function planBlocks(input: ExportInput): DocumentBlock[] {
  const context = newContext(input.listStyle);
  // The 征求意见稿 never carries a red head, nor does a plan issued plain.
  const publication = input.draft ? null : (input.publication ?? null);
  if (!publication || publication.format === "plain") {
    const issuers = publication?.issuers ?? [input.issuer];
    return [
      ...keepLastWithNext([...headBlocks(input), ...planTextBlocks(input, context)]),
      ...signatureBlocks(issuers, input.date, publication ?? {}),
    ];
  }
  if (publication.format === "notice") {
    return [...noticeBlocks(input, publication, context), colophonOf(publication, input.date)];
  }
  return [
    ...redHeadBlocks(publication, input.documentNumber),
    titleBlock(input.title),
    blank(),
    ...keepLastWithNext(planTextBlocks(input, context)),
    ...signatureBlocks(publication.issuers, input.date, publication),
    colophonOf(publication, input.date),
  ];
}
