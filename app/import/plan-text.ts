// A published plan's text → the plan it describes: title and year, the
// preamble (形势与总体要求), the targets, one section per top-level part with
// its headings at their levels, the closing, and what was left out and why.
// Pure: the preview shows this before anything is stored.

import { SECTION_KINDS, type SectionKind } from "~templates/section-kinds";

import {
  cleanParagraphs,
  cleanText,
  MARKER,
  type Skipped,
  type SourceParagraph,
} from "./clean-text";
import { type ImportedTarget, parseTarget, targetsIn } from "./targets";

/** The four numbering styles of official documents, in their usual order. */
const STYLES = [
  { id: "一、", pattern: /^[一二三四五六七八九十百]+、/ },
  { id: "（一）", pattern: /^（[一二三四五六七八九十百]+）/ },
  { id: "1.", pattern: /^\d{1,2}[.、](?!\d)/ },
  { id: "（1）", pattern: /^（\d{1,2}）/ },
] as const;

/** Every way a paragraph can be a heading, outermost first: Word's heading styles, numbering, bold lines. */
const ORDER = ["h1", "h2", "h3", "h4", ...STYLES.map((s) => s.id), "bold"] as const;

type StyleId = (typeof ORDER)[number];

export type ImportedBlock =
  | { type: "heading"; level: number; text: string }
  | { type: "paragraph"; text: string }
  | { type: "table"; rows: string[][]; text: string };

export interface ImportedSection {
  title: string;
  kind: SectionKind | "custom";
  blocks: ImportedBlock[];
  characters: number;
}

export interface PlanPreview {
  title: string | null;
  year: number | null;
  kind: "工作计划" | "工作要点";
  preamble: string[];
  closing: string[];
  targets: ImportedTarget[];
  sections: ImportedSection[];
  skipped: Skipped[];
  warnings: string[];
}

/** A heading's longest plausible length; longer first sentences are body text. */
const HEADING_MAX = 60;

/** A line short enough and without a sentence inside it, as headings are. */
const headingLike = (text: string) => text.length <= 40 && !/[。！？；]./.test(text);

function styleOf(paragraph: SourceParagraph): StyleId | null {
  if (paragraph.table) return null;
  if (paragraph.heading) return `h${Math.min(paragraph.heading, 4)}` as StyleId;
  const numbered = STYLES.find((style) => style.pattern.test(paragraph.text))?.id;
  if (numbered) return numbered;
  return paragraph.bold && headingLike(paragraph.text) ? "bold" : null;
}

/**
 * A paragraph as a heading and the text after it: a Word heading or a bold
 * line is a heading whole; a numbered one may stand alone ("一、依托一个载体")
 * or start its paragraph ("（一）聚焦…求突破。把工业…").
 */
function splitHeading(paragraph: SourceParagraph): { heading: string; body: string | null } | null {
  const style = styleOf(paragraph);
  if (!style) return null;
  const text = paragraph.text.replace(MARKER, "").trim();
  if (style.startsWith("h") || style === "bold") {
    return { heading: text.replace(/[。：]$/, ""), body: null };
  }
  const end = text.search(/[。！？]/);
  if (end < 0) return text.length <= HEADING_MAX ? { heading: text, body: null } : null;
  if (end > HEADING_MAX) return null;
  const body = text.slice(end + 1).trim();
  return { heading: text.slice(0, end), body: body || null };
}

/**
 * The heading levels used here: the first style met (at least twice) is the
 * top; below it, the other styles used, in their usual order.
 */
function levelsOf(paragraphs: SourceParagraph[]): StyleId[] {
  const counts = new Map<StyleId, number>();
  const order: StyleId[] = [];
  for (const paragraph of paragraphs) {
    const style = splitHeading(paragraph) ? styleOf(paragraph) : null;
    if (!style) continue;
    counts.set(style, (counts.get(style) ?? 0) + 1);
    order.push(style);
  }
  const top = order.find((style) => (counts.get(style) ?? 0) >= 2);
  if (!top) return [];
  return ORDER.slice(ORDER.indexOf(top)).filter((style) => counts.has(style));
}

const KIND_WORDS: Record<SectionKind, string[]> = {
  economy: ["经济", "产业", "招商", "项目", "工业", "企业", "园区", "投资", "营商", "税收", "动能"],
  agriculture: [
    "农业",
    "乡村振兴",
    "农村",
    "农民",
    "粮食",
    "种植",
    "养殖",
    "合作社",
    "村集体",
    "农产品",
  ],
  urban: ["城镇", "城市", "基础设施", "道路", "交通", "棚户区", "镇区", "规划", "住房", "小城镇"],
  ecology: ["生态", "环境", "环保", "污染", "绿化", "河长", "大气", "水质", "人居环境", "绿色"],
  livelihood: ["民生", "教育", "医疗", "卫生", "养老", "就业", "社保", "文化", "救助", "获得感"],
  governance: ["治理", "党建", "党的建设", "安全", "稳定", "信访", "平安", "作风", "廉洁", "基层"],
};

function scoreOf(kind: SectionKind, title: string, body: string): number {
  let score = 0;
  for (const word of KIND_WORDS[kind]) {
    if (title.includes(word)) score += 5;
    score += Math.min(body.split(word).length - 1, 5);
  }
  return score;
}

/** Each part's kind by its heading and text; each kind once, the best match first, else custom. */
export function matchKinds(parts: { title: string; body: string }[]): (SectionKind | "custom")[] {
  const candidates = parts.flatMap((part, index) =>
    SECTION_KINDS.map((kind) => ({ index, kind, score: scoreOf(kind, part.title, part.body) })),
  );
  // A part takes a kind only if it fits about as well as the part's best: a part about cadres'
  // conduct whose best kind went to another part is better left custom than called agriculture.
  const best = parts.map((_, index) =>
    Math.max(...candidates.filter((c) => c.index === index).map((c) => c.score)),
  );
  candidates.sort((a, b) => b.score - a.score);
  const kinds: (SectionKind | "custom")[] = parts.map(() => "custom");
  const taken = new Set<SectionKind>();
  const done = new Set<number>();
  for (const { index, kind, score } of candidates) {
    if (score < 5 || score < best[index]! * 0.75 || taken.has(kind) || done.has(index)) continue;
    kinds[index] = kind;
    taken.add(kind);
    done.add(index);
  }
  return kinds;
}

/** A part that reports on last year rather than planning this one. */
const SUMMARY = /工作总结|工作回顾|上年工作|(?:20\d\d年)?(?:主要)?工作(?:开展)?情况|取得的成效/;
const PLAN =
  /工作(?:计划|安排|打算|思路|要点)|(?:20\d\d年|明年|今年)(?:的)?(?:主要)?(?:目标任务|重点任务)/;

/** A last paragraph of resolve, after the last section: the closing. */
const CLOSING =
  /^(新的一年|站在新的|征途漫漫|让我们|全镇上下要|全镇各级各部门要|我们将|奋进新征程)/;

interface Part {
  heading: string;
  blocks: ImportedBlock[];
}

/** Paragraphs → parts under top-level headings, the text before the first one, and the levels. */
function partsOf(paragraphs: SourceParagraph[], levels: StyleId[]) {
  const before: SourceParagraph[] = [];
  const parts: Part[] = [];
  for (const paragraph of paragraphs) {
    const style = styleOf(paragraph);
    const level = style ? levels.indexOf(style) : -1;
    const split = level >= 0 ? splitHeading(paragraph) : null;
    if (split && level === 0) {
      parts.push({ heading: split.heading, blocks: [] });
      if (split.body) parts.at(-1)!.blocks.push({ type: "paragraph", text: split.body });
      continue;
    }
    const part = parts.at(-1);
    if (!part) {
      before.push(paragraph);
    } else if (paragraph.table) {
      part.blocks.push({
        type: "table",
        rows: paragraph.table,
        text: paragraph.table.flat().join(""),
      });
    } else if (split && level < 3) {
      part.blocks.push({ type: "heading", level: level + 1, text: split.heading });
      if (split.body) part.blocks.push({ type: "paragraph", text: split.body });
    } else {
      // Below the third level (（1）…), a numbered line is a paragraph that keeps its number.
      part.blocks.push({ type: "paragraph", text: paragraph.text });
    }
  }
  return { before, parts };
}

/** The text of blocks, for counting and matching. */
const textOf = (blocks: ImportedBlock[]) => blocks.map((b) => b.text).join("");

/**
 * Reads a plan from its text as published (a string: a .txt file or pasted
 * text) or a Word file's paragraphs. A document with a summary of last year
 * and a plan for this one keeps the plan and says the summary was skipped.
 */
export function readPlan(source: string | SourceParagraph[]): PlanPreview {
  const clean = typeof source === "string" ? cleanText(source) : cleanParagraphs(source);
  const skipped = [...clean.skipped];
  const warnings: string[] = [];
  let paragraphs = clean.paragraphs;
  let levels = levelsOf(paragraphs);
  let { before, parts } = partsOf(paragraphs, levels);

  // 工作总结和工作计划: the top level splits the document in two; the plan part's next level are the sections.
  const summaryParts = parts.filter((p) => SUMMARY.test(p.heading) && !PLAN.test(p.heading));
  const planPart = parts.find((p) => PLAN.test(p.heading) && !SUMMARY.test(p.heading));
  if (summaryParts.length > 0 && planPart && levels.length > 1) {
    for (const paragraph of before) {
      skipped.push({
        text: paragraph.text || "（表格）",
        reason: "工作总结的开头，不属于本年计划",
      });
    }
    for (const part of summaryParts) {
      skipped.push({
        text: `${part.heading}（${textOf(part.blocks).length} 字）`,
        reason: "上年工作总结，不属于本年计划（可另行导入为工作总结）",
      });
    }
    const start = paragraphs.findIndex((p) => splitHeading(p)?.heading === planPart.heading);
    const next = parts.indexOf(planPart) + 1;
    const end =
      next < parts.length
        ? paragraphs.findIndex(
            (p, i) => i > start && splitHeading(p)?.heading === parts[next]!.heading,
          )
        : paragraphs.length;
    paragraphs = paragraphs.slice(start + 1, end < 0 ? paragraphs.length : end);
    levels = levels.slice(1);
    ({ before, parts } = partsOf(paragraphs, levels));
  } else if (summaryParts.length > 0) {
    warnings.push(`“${summaryParts[0]!.heading}”可能属于工作总结，请确认是否导入`);
  }

  // The targets sentence leaves the preamble: the plan prints its targets from the data.
  const targets: ImportedTarget[] = [];
  const preamble: string[] = [];
  for (const paragraph of before) {
    if (paragraph.table) {
      // A targets table: each row one target ("地区生产总值增长 | 6% | 以上").
      const rows = paragraph.table.map((row) => parseTarget(row.join("")));
      const found = rows.filter((row) => row !== null);
      if (targets.length === 0 && found.length > 0 && found.length >= rows.length - 1) {
        targets.push(...found);
      } else {
        skipped.push({
          text: "（表格）",
          reason: "形势与总体要求中的表格不能导入，请在计划中另行添加",
        });
      }
      continue;
    }
    // "主要预期目标如下：" only introduces the table; the plan prints its own.
    if (/^(?:主要)?(?:预期)?目标(?:任务)?(?:如下|是|为)?：$/.test(paragraph.text)) continue;
    const found =
      targets.length === 0 ? targetsIn(paragraph.text) : { targets: [], rest: paragraph.text };
    targets.push(...found.targets);
    if (found.rest) preamble.push(found.rest);
  }

  // A closing paragraph after the last section.
  const closing: string[] = [];
  const last = parts.at(-1);
  const tail = last?.blocks.at(-1);
  if (last && tail?.type === "paragraph" && CLOSING.test(tail.text) && last.blocks.length > 1) {
    closing.push(tail.text);
    last.blocks.pop();
  }

  const kinds = matchKinds(parts.map((p) => ({ title: p.heading, body: textOf(p.blocks) })));
  const sections = parts.map((part, i) => ({
    title: part.heading,
    kind: kinds[i]!,
    blocks: [{ type: "heading" as const, level: 1, text: part.heading }, ...part.blocks],
    characters: part.heading.length + textOf(part.blocks).length,
  }));

  if (sections.length === 0) warnings.push("未识别出章节：没有找到“一、”“（一）”等编号的标题");
  if (targets.length === 0) warnings.push("未识别出主要预期目标");
  if (!clean.title) warnings.push("未识别出标题，请填写年度");
  return {
    title: clean.title,
    year: clean.year,
    kind: clean.title?.includes("要点") ? "工作要点" : "工作计划",
    preamble,
    closing,
    targets,
    sections,
    skipped,
    warnings,
  };
}
