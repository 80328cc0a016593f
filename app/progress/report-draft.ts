// A report drafted from its plan (半年总结, 年度总结): the plan's own section
// structure, each commitment turned into a 【…】 the office rewrites with what
// was done, the figures recorded against the section's targets as plain
// facts. Pure: the server turns the blocks into editor content.
import { stripTypedNumber } from "~/export/numbering";
import { elapsedShare, type Period } from "~/progress/periods";
import { percent, rate, type RatedTarget } from "~/progress/rating";

export const REPORT_KINDS = ["半年总结", "年度总结"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export function isReportKind(kind: string): kind is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(kind);
}

/** What each report is called in a sentence ("起草上半年工作总结"). */
export const REPORT_LABELS: Record<ReportKind, string> = {
  半年总结: "上半年工作总结及下半年工作安排",
  年度总结: "年度工作总结",
};

/** "示例镇2027年上半年工作总结及下半年工作安排", "示例镇2027年工作总结". */
export function reportTitle(townName: string, year: number, kind: ReportKind): string {
  return kind === "半年总结"
    ? `${townName}${year}年上半年工作总结及下半年工作安排`
    : `${townName}${year}年工作总结`;
}

/** The period whose figures a report carries: the half-year's end, or the year's. */
export function reportPeriod(kind: ReportKind, year: number, periodKind: "quarter" | "month") {
  if (periodKind === "quarter") return kind === "半年总结" ? `${year}-Q2` : `${year}-Q4`;
  return kind === "半年总结" ? `${year}-06` : `${year}-12`;
}

/** The blocks a report's text is drafted as (the import's shapes: app/import/plan-text.ts). */
export type DraftBlock =
  | { type: "heading"; level: number; text: string }
  | { type: "paragraph"; text: string }
  | { type: "table"; rows: string[][]; text: string };

type JsonNode = { type?: string; tag?: string; text?: string; children?: JsonNode[] };

const textOf = (node: JsonNode): string => node.text ?? (node.children ?? []).map(textOf).join("");

/**
 * A target as the report states it, with its figure to date (null: none
 * reported) and the period that figure is as of when earlier than the report's.
 */
export type ReportTarget = RatedTarget & { actual: number | null; asOf?: Period | null };

/** As a report says when: "截至6月底", and "全年" at the year's end. */
export function reportWhen(period: Period): string {
  const month = Math.round(elapsedShare(period) * 12);
  return month === 12 ? "全年" : `截至${month}月底`;
}

/** "引进过亿元项目：全年目标5个，截至6月底完成2个，占全年目标40%，欠进度" */
export function targetFact(target: ReportTarget, period: Period): string {
  const goal = `${target.value}${target.unit}${target.qualifier ?? ""}`;
  if (target.actual === null) return `${target.name}：全年目标${goal}，尚无报送数字`;
  const when = target.asOf ?? period;
  const assessed = rate(target, when, target.actual);
  const done =
    assessed.share === null
      ? `为${target.actual}${target.unit}`
      : `完成${target.actual}${target.unit}，占全年目标${percent(assessed.share)}`;
  return `${target.name}：全年目标${goal}，${reportWhen(when)}${done}，${assessed.rating}`;
}

/** The heading of a report's figures column: "截至6月底", or "全年完成". */
export function reportColumn(period: Period): string {
  const when = reportWhen(period);
  return when === "全年" ? "全年完成" : when;
}

/**
 * A report's figure as its table prints it ("4个", or "4个（截至9月底）" when
 * it is as of an earlier period than the report's), rated at its own period.
 */
export function reportFigure(
  target: RatedTarget & { actual?: string | null; actualPeriod?: string | null },
  period: Period,
) {
  if (target.actual === null || target.actual === undefined) return null;
  const asOf = target.actualPeriod ?? period;
  const earlier = asOf !== period ? `（${reportWhen(asOf)}）` : "";
  return {
    text: `${target.actual}${target.unit}${earlier}`,
    assessed: rate(target, asOf, Number(target.actual)),
  };
}

/**
 * A section of the report from the plan's section: headings as they were
 * (numbers come from their place), each paragraph and list item as a 【】
 * holding what the plan said, to be rewritten as what was done; the
 * section's targets' figures after its first heading; for a half-year
 * report, 下半年工作安排 at the end. A tracked commitment's figure follows
 * the 【】 of the paragraph that made it (its `source` sentence), or joins
 * the figures after the heading when the sentence is no longer found.
 */
export function draftSection(
  planContent: string,
  kind: ReportKind,
  targets: ReportTarget[],
  period: Period,
  commitments: (ReportTarget & { source: string | null })[] = [],
): DraftBlock[] {
  let root: JsonNode;
  try {
    root = (JSON.parse(planContent) as { root: JsonNode }).root;
  } catch {
    root = { children: [] };
  }
  const done = kind === "半年总结" ? "上半年落实情况" : "全年落实情况";
  const placed = new Set<ReportTarget>();
  const commitment = (text: string): DraftBlock => {
    const made = commitments.filter((c) => !placed.has(c) && c.source && text.includes(c.source));
    made.forEach((c) => placed.add(c));
    const facts = made.length > 0 ? `${made.map((c) => targetFact(c, period)).join("；")}。` : "";
    return {
      type: "paragraph",
      text: `【${done}（计划：${text.replace(/[【】]/g, "")}）】${facts}`,
    };
  };
  const blocks: DraftBlock[] = [];
  for (const node of root.children ?? []) {
    if (node.type === "heading") {
      const level = Number(node.tag?.slice(1)) || 1;
      const text = stripTypedNumber(textOf(node)).trim();
      if (text) blocks.push({ type: "heading", level, text });
    } else if (node.type === "list") {
      for (const item of node.children ?? []) {
        const text = textOf(item).trim();
        if (text) blocks.push(commitment(text));
      }
    } else if (node.type === "table") {
      const rows = (node.children ?? []).map((row) => (row.children ?? []).map((c) => textOf(c)));
      blocks.push({ type: "table", rows, text: rows.flat().join("") });
    } else {
      const text = textOf(node).trim();
      if (text) blocks.push(commitment(text));
    }
  }
  const unplaced = commitments.filter((c) => !placed.has(c));
  const facts: DraftBlock[] = [
    ...(targets.length > 0
      ? [`主要指标：${targets.map((t) => targetFact(t, period)).join("；")}。`]
      : []),
    ...(unplaced.length > 0
      ? [`重点任务：${unplaced.map((t) => targetFact(t, period)).join("；")}。`]
      : []),
  ].map((text) => ({ type: "paragraph", text }));
  const first = blocks.findIndex((b) => b.type === "heading");
  blocks.splice(first + 1, 0, ...facts);
  if (kind === "半年总结") {
    blocks.push({ type: "paragraph", text: "下半年，【下半年本领域的工作安排】" });
  } else {
    // A year-end summary carries next year's plans too (工作总结和明年工作打算); next
    // year's plan can start from this part (nextYearPart).
    const next = Number(period.slice(0, 4)) + 1;
    blocks.push(
      { type: "heading", level: 2, text: nextYearHeading(next) },
      { type: "paragraph", text: `【${next}年本领域的工作打算】` },
    );
  }
  return blocks;
}

/** The heading a year-end summary's section puts over next year's plans. */
export function nextYearHeading(year: number): string {
  return `${year}年工作打算`;
}

/**
 * Next year's part of a year-end summary's section, as a plan section's
 * content: the section's first heading, then what stands under
 * "{year}年工作打算" up to the next heading of that level or above. Null when
 * the section has no such part.
 */
export function nextYearPart(summaryContent: string, year: number): string | null {
  let root: JsonNode & Record<string, unknown>;
  try {
    root = (JSON.parse(summaryContent) as { root: JsonNode & Record<string, unknown> }).root;
  } catch {
    return null;
  }
  const children = root.children ?? [];
  const level = (node: JsonNode) => (node.type === "heading" ? Number(node.tag?.slice(1)) || 1 : 0);
  const at = children.findIndex(
    (node) =>
      node.type === "heading" && stripTypedNumber(textOf(node)).trim() === nextYearHeading(year),
  );
  if (at < 0) return null;
  const depth = level(children[at]!);
  const end = children.findIndex((node, i) => i > at && level(node) > 0 && level(node) <= depth);
  const part = children.slice(at + 1, end < 0 ? undefined : end);
  if (!part.some((node) => textOf(node).trim())) return null;
  const first = children.find((node) => level(node) === 1);
  return JSON.stringify({ root: { ...root, children: first ? [first, ...part] : part } });
}

/** The report's own opening and closing paragraphs, with 【】 for the office to fill. */
export function reportTexts(kind: ReportKind, year: number) {
  return kind === "半年总结"
    ? {
        preamble: [
          `今年以来，在上级党委、政府的坚强领导下，我镇【上半年总体情况】。按照时间过半、任务过半的“双过半”要求，现将我镇${year}年上半年工作总结及下半年工作安排如下。`,
        ],
        closing: [
          "上半年，我镇各项工作取得了一定成效，但也存在一些困难和问题：【存在的困难和问题】。",
          "下半年，全镇上下将【下半年总体要求】，确保全面完成全年目标任务。",
        ],
      }
    : {
        preamble: [
          `${year}年，在上级党委、政府的坚强领导下，我镇【全年总体情况】。现将我镇${year}年工作总结如下。`,
        ],
        closing: [
          "在肯定成绩的同时，我们也清醒地看到，【存在的困难和问题】。",
          `${year + 1}年，我镇将【${year + 1}年工作思路】，奋力推动高质量发展再上新台阶。`,
        ],
      };
}
