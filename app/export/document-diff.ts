// Differences between two versions, shown inside the document's own structure:
// both versions go through the layout model (numbered headings, list markers,
// tables) and the blocks are compared; a changed paragraph is compared by
// character, a changed table cell by cell.
import { diffArrays, diffChars } from "diff";

import type { DiffPart } from "~/editor/diff";

import type { ListStyle } from "./lists";
import { type Block, convertContent, newContext, type Run } from "./model";
import { HeadingCounter } from "./numbering";

export type DiffBlock =
  | { change: "same" | "added" | "removed"; block: Block }
  /** A paragraph changed inside: its style from the newer version, its text as parts. */
  | { change: "changed"; block: Extract<Block, { kind: "paragraph" }>; parts: DiffPart[] }
  /** A table of the same shape with some cells changed. */
  | { change: "changed"; block: Extract<Block, { kind: "table" }>; cells: DiffPart[][][] };

const textOfRuns = (runs: Run[]) => runs.map((run) => run.text).join("");

function keyOf(block: Block): string {
  return block.kind === "table"
    ? `table:${JSON.stringify(block.rows.map((row) => row.map(textOfRuns)))}`
    : `${block.style}:${textOfRuns(block.runs)}`;
}

function charParts(before: string, after: string): DiffPart[] {
  return diffChars(before, after).map((c) => ({
    text: c.value,
    change: c.added ? "added" : c.removed ? "removed" : "same",
  }));
}

/** One removed block and one added block in the same place: changed inside, if alike. */
function pair(before: Block, after: Block): DiffBlock[] {
  if (before.kind === "paragraph" && after.kind === "paragraph") {
    return [
      {
        change: "changed",
        block: after,
        parts: charParts(textOfRuns(before.runs), textOfRuns(after.runs)),
      },
    ];
  }
  if (
    before.kind === "table" &&
    after.kind === "table" &&
    before.rows.length === after.rows.length &&
    before.rows.every((row, r) => row.length === after.rows[r]!.length)
  ) {
    const cells = after.rows.map((row, r) =>
      row.map((cell, c) => charParts(textOfRuns(before.rows[r]![c]!), textOfRuns(cell))),
    );
    return [{ change: "changed", block: after, cells }];
  }
  return [
    { change: "removed", block: before },
    { change: "added", block: after },
  ];
}

export function diffBlocks(before: Block[], after: Block[]): DiffBlock[] {
  const changes = diffArrays(before.map(keyOf), after.map(keyOf));
  const out: DiffBlock[] = [];
  let b = 0;
  let a = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const count = change.value.length;
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      const removed = before.slice(b, b + count);
      const added = after.slice(a, a + next.value.length);
      const pairs = Math.min(removed.length, added.length);
      for (let j = 0; j < pairs; j++) out.push(...pair(removed[j]!, added[j]!));
      for (const block of removed.slice(pairs)) out.push({ change: "removed", block });
      for (const block of added.slice(pairs)) out.push({ change: "added", block });
      b += count;
      a += next.value.length;
      i++;
      continue;
    }
    if (change.removed) {
      for (const block of before.slice(b, b + count)) out.push({ change: "removed", block });
      b += count;
    } else if (change.added) {
      for (const block of after.slice(a, a + count)) out.push({ change: "added", block });
      a += count;
    } else {
      for (const block of after.slice(a, a + count)) out.push({ change: "same", block });
      a += count;
      b += count;
    }
  }
  return out;
}

/** A section's text as the document prints it: its headings numbered from its place in the plan. */
export function sectionBlocks(
  content: string,
  {
    position = 1,
    firstTableNumber = 1,
    listStyle,
  }: { position?: number; firstTableNumber?: number; listStyle?: ListStyle } = {},
): Block[] {
  const context = newContext(listStyle);
  context.headings = HeadingCounter.startingAt(position);
  context.tables = firstTableNumber - 1;
  return convertContent(content, context);
}

/** Two versions of a section compared inside its printed structure. */
export function diffSectionVersions(
  before: string,
  after: string,
  options: { position?: number; firstTableNumber?: number; listStyle?: ListStyle } = {},
): DiffBlock[] {
  return diffBlocks(before ? sectionBlocks(before, options) : [], sectionBlocks(after, options));
}
