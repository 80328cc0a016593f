// Reads the plan and section templates: readable Markdown files with a small
// front matter, which an administrator may edit (DESIGN §6).
import fs from "node:fs";
import path from "node:path";

import { SECTION_KINDS, type SectionKind } from "./section-kinds";

export const PLAN_KINDS = ["工作计划", "工作要点"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export interface SectionTemplate {
  kind: SectionKind;
  title: string;
  /** Markdown body: `#` level-1 heading, `##` level-2, `###` level-3, paragraphs, lists. */
  markdown: string;
}

export interface TargetTemplate {
  name: string;
  value: number;
  unit: string;
  qualifier: string | null;
}

export interface PlanTemplate {
  titlePattern: string;
  preamble: string;
  closing: string;
}

/** Where the template files are; TEMPLATES_DIR lets a town keep its own copy. */
export function templatesDir(): string {
  return path.resolve(process.env.TEMPLATES_DIR ?? path.join(process.cwd(), "templates"));
}

export function splitFrontMatter(text: string): { meta: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { meta: {}, body: text.trim() };
  const meta: Record<string, string> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const pair = /^([\w-]+):\s*(.*)$/.exec(line.trim());
    if (pair) meta[pair[1]!] = pair[2]!.replace(/^"(.*)"$/, "$1");
  }
  return { meta, body: text.slice(match[0].length).trim() };
}

function read(file: string): string {
  return fs.readFileSync(path.join(templatesDir(), file), "utf8");
}

export function loadSectionTemplate(kind: SectionKind): SectionTemplate {
  const { meta, body } = splitFrontMatter(read(`sections/${kind}.md`));
  if (meta.kind !== kind) throw new Error(`模板 sections/${kind}.md 的 kind 应为 ${kind}`);
  if (!meta.title) throw new Error(`模板 sections/${kind}.md 缺少 title`);
  return { kind, title: meta.title, markdown: body };
}

export function loadSectionTemplates(): SectionTemplate[] {
  return SECTION_KINDS.map(loadSectionTemplate);
}

/** Splits the plan skeleton into its `# 形势与总体要求` and `# 结束语` parts. */
export function loadPlanTemplate(): PlanTemplate {
  const { meta, body } = splitFrontMatter(read("plan.md"));
  const parts = new Map<string, string>();
  for (const chunk of body.split(/^# /m).filter((c) => c.trim())) {
    const [heading, ...rest] = chunk.split(/\r?\n/);
    parts.set(heading!.trim(), rest.join("\n").trim());
  }
  const preamble = parts.get("形势与总体要求");
  const closing = parts.get("结束语");
  if (!meta.title || preamble === undefined || closing === undefined) {
    throw new Error("模板 plan.md 需要 title、“# 形势与总体要求”和“# 结束语”");
  }
  return { titlePattern: meta.title, preamble, closing };
}

/** The default targets: the rows of the Markdown table in targets.md. */
export function loadTargetTemplates(): TargetTemplate[] {
  const rows = read("targets.md")
    .split(/\r?\n/)
    .filter((line) => line.trim().startsWith("|"))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((cell) => cell.trim()),
    );
  return rows
    .slice(2) // header and divider
    .map(([name = "", value = "", unit = "", qualifier = ""]) => {
      const number = Number(value);
      if (!name || !Number.isFinite(number)) {
        throw new Error(`模板 targets.md 中的指标行有误：${name} ${value}`);
      }
      return { name, value: number, unit, qualifier: qualifier || null };
    });
}

/** Fills {镇名}, {年份} and {计划类型} into a template text. */
export function fillTemplate(
  text: string,
  values: { townName: string; year: number; kind: PlanKind },
): string {
  return text
    .replaceAll("{镇名}", values.townName)
    .replaceAll("{年份}", String(values.year))
    .replaceAll("{计划类型}", values.kind);
}
