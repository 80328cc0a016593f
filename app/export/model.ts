// The plan laid out as styled blocks, independent of Word: one converter per
// editor node type turns Lexical JSON into these blocks; render.server.ts
// writes them as .docx and the print preview as HTML, so both number and
// punctuate alike.
import type { ChangeMark } from "~/editor/attribution";

import type { FontSettings } from "./fonts";
import { DEFAULT_LIST_STYLE, listMarker, type ListStyle } from "./lists";
import { balancedTitleLines, formatDocumentDate, signaturePlacement } from "./layout";
import { HeadingCounter, type HeadingLevel, stripTypedNumber } from "./numbering";
import { toFullWidthPunctuation } from "./punctuation";

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
  | "blank";

export type Block =
  | {
      kind: "paragraph";
      style: ParagraphStyle;
      runs: Run[];
      align?: "center" | "right";
      /** Right indent in body characters (signature lines). */
      rightIndent?: number;
      /** Kept on the page of the paragraph after it (the signature is never alone on a page). */
      keepWithNext?: boolean;
      change?: ParagraphChange;
    }
  | { kind: "table"; headerRow: boolean; rows: Run[][][] };

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
  /** How unnumbered list items print (the town's choice). */
  listStyle?: ListStyle;
  sections: { title: string; content: string }[];
  closing: string | null;
  issuer: string;
  /** YYYY-MM-DD: the document's date. */
  date: string;
  fonts: FontSettings;
};

const IS_BOLD = 1;
const IS_ITALIC = 2;
const IS_UNDERLINE = 8;

export type ConvertContext = { headings: HeadingCounter; listStyle: ListStyle };

export function newContext(listStyle: ListStyle = DEFAULT_LIST_STYLE): ConvertContext {
  return { headings: new HeadingCounter(), listStyle };
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
  const children = structuredClone(node.children ?? []);
  for (const child of children) {
    if (child.type !== "text") break;
    child.text = stripTypedNumber(child.text ?? "");
    if (child.text) break;
  }
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
    default:
      return node.children ? convertParagraph(node) : [];
  }
}

/** A stored Lexical state (JSON text) as blocks. */
export function convertContent(json: string | null, context: ConvertContext): Block[] {
  if (!json) return [];
  let root: JsonNode;
  try {
    root = (JSON.parse(json) as { root: JsonNode }).root;
  } catch {
    return [];
  }
  return (root.children ?? []).flatMap((node) => convertBlock(node, context));
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

function targetsTable(targets: ExportTarget[]): Block[] {
  const cell = (text: string): Run[] => [{ text: toFullWidthPunctuation(text) }];
  return [
    { kind: "paragraph", style: "tableCaption", runs: [{ text: "主要预期目标" }], align: "center" },
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

/** Issuing body and date for a document without a seal (GB/T 9704 7.3.5.2), after one blank line. */
export function signatureBlocks(issuer: string, isoDate: string): Block[] {
  const date = formatDocumentDate(isoDate);
  const place = signaturePlacement(issuer, date);
  return [
    { kind: "paragraph", style: "blank", runs: [], keepWithNext: true },
    {
      kind: "paragraph",
      style: "signature",
      runs: [{ text: issuer }],
      align: "right",
      rightIndent: place.issuerRight,
      keepWithNext: true,
    },
    {
      kind: "paragraph",
      style: "signature",
      runs: [{ text: date }],
      align: "right",
      rightIndent: place.dateRight,
    },
  ];
}

/** The title, the draft's marker and the 文号, then the blank line before the text. */
export function headBlocks(
  input: Pick<ExportInput, "title" | "draft" | "draftMarker" | "documentNumber">,
): Block[] {
  const blocks: Block[] = [
    {
      kind: "paragraph",
      style: "title",
      align: "center",
      runs: balancedTitleLines(input.title).map((text, i) => ({
        text,
        breakBefore: i > 0 || undefined,
      })),
    },
  ];
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
  blocks.push({ kind: "paragraph", style: "blank", runs: [] });
  return blocks;
}

/** The whole document, top to bottom. */
export function planBlocks(input: ExportInput): Block[] {
  const context = newContext(input.listStyle);
  const blocks = headBlocks(input);
  blocks.push(...convertContent(input.preamble, context));
  const sentence = targetsSentence(input.targets);
  if (sentence) blocks.push({ kind: "paragraph", style: "body", runs: [{ text: sentence }] });
  if (input.targetsAsTable && input.targets.length > 0) blocks.push(...targetsTable(input.targets));
  for (const section of input.sections) blocks.push(...convertContent(section.content, context));
  blocks.push(...convertContent(input.closing, context));
  // The last paragraph's last line goes with the signature to a new page, never the signature alone.
  const last = blocks.at(-1);
  if (last?.kind === "paragraph") blocks[blocks.length - 1] = { ...last, keepWithNext: true };
  blocks.push(...signatureBlocks(input.issuer, input.date));
  return blocks;
}
