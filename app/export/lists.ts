// How list items print, the same in the editor (styles/editor.css) and on
// paper. Official documents have no bullets: an unnumbered item reads as
// "一是……二是……" (what the towns' published plans do) or as （1）（2）, as the
// town chooses in 系统管理 → 公文格式. Numbered lists always print （1）（2）,
// lists inside them ①②.
import { chineseNumeral } from "./numbering";

export const LIST_STYLES = ["ordinal", "parenthesized"] as const;
export type ListStyle = (typeof LIST_STYLES)[number];

export const DEFAULT_LIST_STYLE: ListStyle = "ordinal";

export const LIST_STYLE_LABELS: Record<ListStyle, string> = {
  ordinal: "一是、二是、三是……",
  parenthesized: "（1）（2）（3）……",
};

export function isListStyle(value: unknown): value is ListStyle {
  return (LIST_STYLES as readonly unknown[]).includes(value);
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

/** The marker of the nth item (from 1) of a list at `depth` (0 = top). */
export function listMarker(
  listType: "bullet" | "number" | "check" | string | undefined,
  n: number,
  depth: number,
  style: ListStyle,
): string {
  if (depth > 0) return CIRCLED[n - 1] ?? `${n}.`;
  if (listType === "number" || style === "parenthesized") return `（${n}）`;
  return `${chineseNumeral(n)}是`;
}
