// 主要预期目标 as data: "一般公共预算收入增长6%以上" → 一般公共预算收入增长, 6, %, 以上.

import type { TARGET_QUALIFIERS } from "~/utils/target-validation";

export type Qualifier = (typeof TARGET_QUALIFIERS)[number];

export interface ImportedTarget {
  name: string;
  value: string;
  unit: string;
  qualifier: Qualifier | null;
}

const UNITS = [
  "%",
  "个百分点",
  "亿元",
  "万元",
  "元",
  "万吨",
  "吨",
  "万亩",
  "亩",
  "公里",
  "万平方米",
  "平方米",
  "万人次",
  "万人",
  "人",
  "户",
  "家",
  "个",
  "项",
  "处",
  "所",
  "座",
  "千瓦",
  "MW",
];

const NUMBER = "(\\d+(?:\\.\\d+)?)";
const UNIT = `(${UNITS.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})?`;
const QUALIFIER = `(以上|左右|以内|以下)?`;

/** One measurable commitment: a name, a figure, its unit, and 以上/左右/以内. */
const MEASURE = new RegExp(
  `^(.+?)(?:(控制在|保持在|稳定在|达到|完成|实现|突破|新增|引进|超过)\\s*)?${NUMBER}\\s*${UNIT}\\s*${QUALIFIER}$`,
);

/** One clause as a target, or null when it is not measurable ("全面完成上级下达的约束性指标"). */
export function parseTarget(clause: string): ImportedTarget | null {
  const text = clause
    .trim()
    .replace(/^(其中|全年|全镇|力争|确保|预计)[，：]?/, "")
    .replace(/[。；，、]+$/, "");
  const found = MEASURE.exec(text);
  if (!found) return null;
  const [, head, verb, value, unit, qualifier] = found;
  // The name keeps its verb, so that name + figure reads as written: 失业率控制在 + 3%以内.
  const name = (head!.replace(/[，：]$/, "").trim() + (verb ?? "")).trim();
  if (name.length < 2 || name.length > 40 || /\d/.test(name.slice(-1))) return null;
  return {
    name,
    value: value!,
    unit: unit ?? "",
    qualifier: qualifier === "以下" ? "以内" : ((qualifier as Qualifier | undefined) ?? null),
  };
}

/** Where a paragraph states the targets: "主要预期目标是：……。" */
const TARGETS_SENTENCE = /(?:主要)?(?:预期)?目标(?:任务)?(?:是|为)?：([^。]*)。/;

/**
 * The targets a paragraph states, and the paragraph without them (null when
 * nothing is left). Clauses that are not measurable stay in the text.
 */
export function targetsIn(paragraph: string): { targets: ImportedTarget[]; rest: string | null } {
  const found = TARGETS_SENTENCE.exec(paragraph);
  if (!found) return { targets: [], rest: paragraph };
  const clauses = found[1]!.split(/[，；、]/).filter((c) => c.trim());
  const targets: ImportedTarget[] = [];
  const kept: string[] = [];
  for (const clause of clauses) {
    const target = parseTarget(clause);
    if (target) targets.push(target);
    else kept.push(clause);
  }
  if (targets.length === 0) return { targets: [], rest: paragraph };
  const sentence = kept.length ? `主要预期目标是：${kept.join("，")}。` : "";
  const rest = (
    paragraph.slice(0, found.index) +
    sentence +
    paragraph.slice(found.index + found[0].length)
  ).trim();
  return { targets, rest: rest || null };
}
