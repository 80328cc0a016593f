// Readable differences between two versions of a section: first by block
// (paragraph, heading, list item, table row), then by character inside a
// changed block. Works on Lexical JSON; shared by the history page and the
// conflict view.
import { diffArrays, diffChars } from "diff";

interface JsonNode {
  type?: string;
  text?: string;
  tag?: string;
  children?: JsonNode[];
}

const BLOCK_CONTAINERS = new Set(["list", "table", "tablerow"]);

function inlineText(node: JsonNode): string {
  if (typeof node.text === "string") return node.text;
  if (node.type === "linebreak") return "\n";
  if (node.type === "tablecell") return (node.children ?? []).map(inlineText).join("") + " | ";
  return (node.children ?? []).map(inlineText).join("");
}

/**
 * Each block's text, in order (list items and table rows count as blocks),
 * with the heading it stands under (a heading stands under itself).
 */
export function blockEntries(json: string): { text: string; heading: string | null }[] {
  let root: JsonNode;
  try {
    root = (JSON.parse(json) as { root: JsonNode }).root;
  } catch {
    return [];
  }
  const entries: { text: string; heading: string | null }[] = [];
  let heading: string | null = null;
  const visit = (node: JsonNode) => {
    if (node.type && BLOCK_CONTAINERS.has(node.type) && node.type !== "tablerow") {
      (node.children ?? []).forEach(visit);
      return;
    }
    const text = inlineText(node).replace(/ \| $/, "");
    if (node.type === "heading") heading = text;
    entries.push({ text, heading });
  };
  (root?.children ?? []).forEach(visit);
  return entries;
}

/** The text of each block, in order; list items and table rows count as blocks. */
export function blocksOf(json: string): string[] {
  return blockEntries(json).map((entry) => entry.text);
}

export interface DiffPart {
  text: string;
  change: "same" | "added" | "removed";
}

export interface DiffRow {
  change: "same" | "added" | "removed" | "changed";
  parts: DiffPart[];
}

export interface DiffSummary {
  added: number;
  removed: number;
}

const part = (text: string, change: DiffPart["change"]): DiffPart => ({ text, change });

/** Rows of a block diff; a removed block followed by an added one is diffed by character. */
export function diffTexts(before: string[], after: string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  const changes = diffArrays(before, after);
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      const pairs = Math.min(change.value.length, next.value.length);
      for (let j = 0; j < pairs; j++) {
        rows.push({
          change: "changed",
          parts: diffChars(change.value[j]!, next.value[j]!).map((c) =>
            part(c.value, c.added ? "added" : c.removed ? "removed" : "same"),
          ),
        });
      }
      for (const text of change.value.slice(pairs))
        rows.push({ change: "removed", parts: [part(text, "removed")] });
      for (const text of next.value.slice(pairs))
        rows.push({ change: "added", parts: [part(text, "added")] });
      i++;
      continue;
    }
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    for (const text of change.value) rows.push({ change: kind, parts: [part(text, kind)] });
  }
  return rows;
}

export function diffContents(before: string, after: string): DiffRow[] {
  return diffTexts(blocksOf(before), blocksOf(after));
}

/** Characters added and removed (white space not counted). */
export function summarize(rows: DiffRow[]): DiffSummary {
  const count = (change: DiffPart["change"]) =>
    rows
      .flatMap((row) => row.parts)
      .filter((p) => p.change === change)
      .reduce((sum, p) => sum + p.text.replace(/\s/g, "").length, 0);
  return { added: count("added"), removed: count("removed") };
}
