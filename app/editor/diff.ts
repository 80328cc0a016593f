// Readable differences between two versions of a section: first by block
// (paragraph, heading, list item, table row), then by character inside a
// changed block. Works on Lexical JSON; shared by the history page and the
// conflict view.
import { diffArrays, diffChars } from "diff";

import { blockEntries, blocksOf } from "./blocks";

export { blockEntries, blocksOf };

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
