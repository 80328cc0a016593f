import type { HeadingNode } from "@lexical/rich-text";
import { $getSelection, $isRangeSelection, $isTextNode, type ElementNode } from "lexical";

import { stripTypedNumber } from "~/export/numbering";

/**
 * Drops a number typed or pasted at the start of a heading ("（六）抓好财税工作"):
 * headings are numbered from their position, so a typed one would print twice.
 * The caret stays where it was in the remaining text.
 */
export function $stripHeadingNumber(heading: HeadingNode): void {
  $stripLeadingNumber(heading, stripTypedNumber);
}

/** Drops what `strip` removes from the block's first text, keeping the caret in place. */
export function $stripLeadingNumber(block: ElementNode, strip: (text: string) => string): void {
  const first = block.getFirstDescendant();
  if (!$isTextNode(first)) return;
  const text = first.getTextContent();
  const removed = text.length - strip(text).length;
  if (removed === 0) return;
  const selection = $getSelection();
  const key = first.getKey();
  const points = $isRangeSelection(selection)
    ? [selection.anchor, selection.focus].filter((point) => point.key === key)
    : [];
  const offsets = points.map((point) => Math.max(0, point.offset - removed));
  const written = first.spliceText(0, removed, "", false);
  points.forEach((point, index) => point.set(written.getKey(), offsets[index]!, "text"));
  if (written.getTextContent() === "" && block.getChildrenSize() > 1) written.remove();
}

/** "（一）…" suggests level 2, "1." level 3, "一、" level 1: the level a typed number stands for. */
export function levelOfTypedNumber(text: string): "h1" | "h2" | "h3" | null {
  const trimmed = text.trimStart();
  if (/^[一二三四五六七八九十]+\s*[、.．]/.test(trimmed)) return "h1";
  if (/^[（(]\s*[一二三四五六七八九十]+\s*[)）]/.test(trimmed)) return "h2";
  if (/^\d+\s*[、.．](?!\d)/.test(trimmed)) return "h3";
  return null;
}

/** Headings are short; a paragraph that is one short bold line was probably a heading in Word. */
export const HEADING_LIKE_MAX_CHARACTERS = 40;

/** Whether a paragraph reads like a heading pasted as bold text: short, every character bold. */
export function $looksLikeHeading(block: ElementNode): boolean {
  const text = block.getTextContent().trim();
  if (!text || text.length > HEADING_LIKE_MAX_CHARACTERS || text.includes("\n")) return false;
  const runs = block.getAllTextNodes().filter((node) => node.getTextContent().trim() !== "");
  return runs.length > 0 && runs.every((node) => node.hasFormat("bold"));
}
