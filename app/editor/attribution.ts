// 痕迹保留: who changed what in a section since a baseline, like a "blame"
// of the text (docs/architecture.md, "Tracked changes").
//
// The section's text is flattened into one string (each block's characters,
// then a block separator), and every character of it becomes a unit that
// remembers whether it was in the baseline, was inserted by a revision, or was
// deleted by one (a tombstone kept in place). Each revision is compared with
// the one before by character (jsdiff on what lies between the common prefix
// and suffix), and the units are updated: new text is attributed to the
// revision's author; deleted baseline text becomes a tombstone; text someone
// inserted and someone else deleted simply goes; text that is typed again
// where it was deleted (an undo) comes back as it was. Pure: no database, no
// DOM.
import { diffChars } from "diff";

export type Author = { id: string; name: string };

/** One saved state of the section after the baseline, by its author. */
export type Revision = { content: string; author: Author; at: string };

export type ChangeType = "insert" | "delete";

/** One insertion or deletion, in document order. `\n` stands for a paragraph break. */
export interface Change {
  id: number;
  type: ChangeType;
  text: string;
  author: Author;
  at: string;
}

export interface AuthorSummary {
  author: Author;
  inserts: number;
  deletes: number;
}

/** What a changed text node (`$change`) or a deleted or inserted block carries in the annotated content. */
export interface ChangeMark {
  id: number;
  type: ChangeType;
  authorId: string;
  author: string;
  at: string;
}

export type JsonNode = {
  type?: string;
  text?: string;
  children?: JsonNode[];
  $change?: ChangeMark;
  /** A block that is gone from the current text, shown in place. */
  $deleted?: ChangeMark;
  /** A block that is new since the baseline. */
  $inserted?: ChangeMark;
  [key: string]: unknown;
};

export interface Tracked {
  /** The current content with deleted text back in place and every changed piece marked. */
  annotated: { root: JsonNode };
  changes: Change[];
  authors: AuthorSummary[];
}

const SEPARATOR = "\u2029";

/** Above this many edits between two revisions, the middle is taken as replaced whole. */
const MAX_EDIT_LENGTH = 20_000;

// --- The text as a string of characters, each from a node ---

/** A text-bearing block (paragraph, heading, list item, table cell paragraph) and where it sits. */
interface Leaf {
  node: JsonNode;
  parent: JsonNode;
}

function leavesOf(root: JsonNode): Leaf[] {
  const leaves: Leaf[] = [];
  const visit = (node: JsonNode, parent: JsonNode) => {
    switch (node.type) {
      case "list":
        for (const item of node.children ?? []) {
          const children = item.children ?? [];
          const nested = children.filter((child) => child.type === "list");
          // An item that only holds a nested list has no text of its own.
          if (nested.length < children.length || children.length === 0) {
            leaves.push({ node: item, parent: node });
          }
          for (const list of nested) visit(list, item);
        }
        return;
      case "table":
      case "tablerow":
      case "tablecell":
        for (const child of node.children ?? []) visit(child, node);
        return;
      default:
        leaves.push({ node, parent });
    }
  };
  for (const child of root.children ?? []) visit(child, root);
  return leaves;
}

const inlineOf = (leaf: JsonNode) => (leaf.children ?? []).filter((c) => c.type !== "list");

function textOf(node: JsonNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "linebreak") return "\n";
  if (node.type === "tab") return "\t";
  return (node.children ?? []).map(textOf).join("");
}

/** The flat text and, for each character, the node it comes from (a block for a separator). */
interface Flat {
  text: string;
  sources: JsonNode[];
  root: JsonNode;
  leaves: Leaf[];
}

export function parseContent(content: string): { root: JsonNode } {
  try {
    const parsed = JSON.parse(content) as { root?: JsonNode };
    if (parsed && typeof parsed === "object" && parsed.root) return { root: parsed.root };
  } catch {
    // an unreadable revision counts as empty
  }
  return { root: { type: "root", children: [] } };
}

function flatten(root: JsonNode): Flat {
  const leaves = leavesOf(root);
  const parts: string[] = [];
  const sources: JsonNode[] = [];
  for (const { node } of leaves) {
    for (const inline of inlineOf(node)) {
      const text = textOf(inline);
      parts.push(text);
      for (let i = 0; i < text.length; i++) sources.push(inline);
    }
    parts.push(SEPARATOR);
    sources.push(node);
  }
  return { text: parts.join(""), sources, root, leaves };
}

/** The section's text as the attribution sees it: blocks separated by new lines. */
export function plainText(content: string): string {
  return flatten(parseContent(content).root).text.replaceAll(SEPARATOR, "\n");
}

// --- Units and revisions ---

interface Unit {
  ch: string;
  /** The node the character was last part of (its format), or the block a separator ends. */
  source: JsonNode;
  /** Index of the revision that inserted it; absent for baseline text. */
  ins?: number;
  /** Index of the revision that deleted it: a tombstone. */
  del?: number;
}

type Op = { kind: "same" | "removed" | "added"; text: string };

function opsBetween(before: string, after: string): Op[] {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  // Compare whole paragraphs: the common ends stop at paragraph breaks, so that the
  // diff, not the trimming, decides where a change inside a paragraph goes.
  start = before.lastIndexOf(SEPARATOR, start - 1) + 1;
  while (end > 0 && before[before.length - end - 1] !== SEPARATOR) end--;
  const ops: Op[] = [];
  if (start > 0) ops.push({ kind: "same", text: before.slice(0, start) });
  const oldMiddle = before.slice(start, before.length - end);
  const newMiddle = after.slice(start, after.length - end);
  if (oldMiddle && newMiddle) {
    const parts = diffChars(oldMiddle, newMiddle, { maxEditLength: MAX_EDIT_LENGTH });
    if (parts) {
      for (const part of parts) {
        ops.push({
          kind: part.added ? "added" : part.removed ? "removed" : "same",
          text: part.value,
        });
      }
    } else {
      ops.push({ kind: "removed", text: oldMiddle }, { kind: "added", text: newMiddle });
    }
  } else if (oldMiddle) {
    ops.push({ kind: "removed", text: oldMiddle });
  } else if (newMiddle) {
    ops.push({ kind: "added", text: newMiddle });
  }
  if (end > 0) ops.push({ kind: "same", text: before.slice(before.length - end) });
  return ops.map((op, i) => (op.kind === "same" ? op : slid(ops, i)));
}

/** How good a place the end of `text` is for an edit to start or end at. */
function boundary(text: string): number {
  const last = text.at(-1);
  if (last === undefined || last === SEPARATOR) return 3;
  if ("。！？；".includes(last)) return 2;
  if ("，、：".includes(last)) return 1;
  return 0;
}

/** How well an edit sits: whole paragraphs first, then whole sentences, then clauses. */
function fit(leading: string, edit: string): number {
  return boundary(leading) + boundary(edit);
}

/**
 * An insertion or deletion between two unchanged runs can often sit in
 * several places ("。¶年内…3个" or "¶年内…3个。"): slides it to where it
 * covers whole paragraphs when it can. Moves text between the neighbours.
 */
function slid(ops: Op[], i: number): Op {
  const op = ops[i]!;
  const before = ops[i - 1];
  const after = ops[i + 1];
  if (!before || !after || before.kind !== "same" || after.kind !== "same") return op;
  let { text: leading } = before;
  let { text: edit } = op;
  let { text: trailing } = after;
  // As far left as it goes (within a paragraph's reach), then each place to the right.
  for (let n = 0; n < 500 && leading && leading.at(-1) === edit.at(-1); n++) {
    const c = leading.at(-1)!;
    leading = leading.slice(0, -1);
    edit = c + edit.slice(0, -1);
    trailing = c + trailing;
  }
  let best = { leading, edit, trailing, score: fit(leading, edit) };
  for (let n = 0; n < 1000 && trailing && trailing[0] === edit[0]; n++) {
    const c = trailing[0]!;
    leading += c;
    edit = edit.slice(1) + c;
    trailing = trailing.slice(1);
    const score = fit(leading, edit);
    if (score > best.score) best = { leading, edit, trailing, score };
  }
  before.text = best.leading;
  after.text = best.trailing;
  return { kind: op.kind, text: best.edit };
}

/** Applies revision `index` (its flat text) to the units of the text before it. */
function applyRevision(units: Unit[], before: string, next: Flat, index: number): Unit[] {
  const out: Unit[] = [];
  let at = 0; // in units
  let source = 0; // in next.sources
  const copyTombstones = () => {
    while (at < units.length && units[at]!.del !== undefined) out.push(units[at++]!);
  };
  for (const op of opsBetween(before, next.text)) {
    if (op.kind === "same") {
      for (let i = 0; i < op.text.length; i++) {
        copyTombstones();
        const unit = units[at++]!;
        unit.source = next.sources[source++]!;
        out.push(unit);
      }
    } else if (op.kind === "removed") {
      for (let i = 0; i < op.text.length; i++) {
        copyTombstones();
        const unit = units[at++]!;
        // Text inserted after the baseline and deleted again leaves no trace.
        if (unit.ins !== undefined) continue;
        unit.del = index;
        out.push(unit);
      }
    } else {
      // The tombstones where the text goes: just behind it and just ahead.
      let back = out.length;
      while (back > 0 && out[back - 1]!.del !== undefined) back--;
      let end = at;
      while (end < units.length && units[end]!.del !== undefined) end++;
      const around = [...out.splice(back), ...units.slice(at, end)];
      at = end;
      // Typed again where it was deleted (an undo): the deleted text comes back as it was.
      const found = around
        .map((unit) => unit.ch)
        .join("")
        .indexOf(op.text);
      if (found >= 0) {
        around.forEach((unit, i) => {
          if (i >= found && i < found + op.text.length) {
            delete unit.del;
            unit.source = next.sources[source++]!;
          }
          out.push(unit);
        });
      } else {
        // New text follows what was deleted here: "5" struck through, then "8".
        out.push(...around);
        for (let i = 0; i < op.text.length; i++) {
          out.push({ ch: op.text[i]!, source: next.sources[source++]!, ins: index });
        }
      }
    }
  }
  while (at < units.length) out.push(units[at++]!);
  return out;
}

// --- Changes and the annotated content ---

const styleKeys = new WeakMap<JsonNode, string>();

/** Nodes whose characters may sit in one text node: same type and format. */
function styleKey(node: JsonNode): string {
  let key = styleKeys.get(node);
  if (key === undefined) {
    const { text: _text, children: _children, $change: _change, ...style } = node;
    key = JSON.stringify(style);
    styleKeys.set(node, key);
  }
  return key;
}

function markOf(unit: Unit): { type: ChangeType; revision: number } | null {
  if (unit.del !== undefined) return { type: "delete", revision: unit.del };
  if (unit.ins !== undefined) return { type: "insert", revision: unit.ins };
  return null;
}

/** Numbers the changes: a run of units with the same kind and revision is one change. */
function changesOf(units: Unit[], revisions: Revision[]): { ids: number[]; changes: Change[] } {
  const ids = new Array<number>(units.length).fill(0);
  const changes: Change[] = [];
  let previous: string | null = null;
  for (let i = 0; i < units.length; i++) {
    const mark = markOf(units[i]!);
    if (!mark) {
      previous = null;
      continue;
    }
    const key = `${mark.type}${mark.revision}`;
    if (key !== previous) {
      const revision = revisions[mark.revision]!;
      changes.push({
        id: changes.length + 1,
        type: mark.type,
        text: "",
        author: revision.author,
        at: revision.at,
      });
      previous = key;
    }
    const change = changes[changes.length - 1]!;
    change.text += units[i]!.ch === SEPARATOR ? "\n" : units[i]!.ch;
    ids[i] = change.id;
  }
  return { ids, changes };
}

function summaryOf(changes: Change[]): AuthorSummary[] {
  const byAuthor = new Map<string, AuthorSummary>();
  for (const change of changes) {
    const summary = byAuthor.get(change.author.id) ?? {
      author: change.author,
      inserts: 0,
      deletes: 0,
    };
    if (change.type === "insert") summary.inserts++;
    else summary.deletes++;
    byAuthor.set(change.author.id, summary);
  }
  return [...byAuthor.values()];
}

/** Several texts' summaries as one (a whole plan's), each person once, in order of appearance. */
export function mergeAuthors(lists: AuthorSummary[][]): AuthorSummary[] {
  const byAuthor = new Map<string, AuthorSummary>();
  for (const summary of lists.flat()) {
    const sum = byAuthor.get(summary.author.id) ?? { ...summary, inserts: 0, deletes: 0 };
    sum.inserts += summary.inserts;
    sum.deletes += summary.deletes;
    byAuthor.set(summary.author.id, sum);
  }
  return [...byAuthor.values()];
}

/** Inline nodes for units [from, to): one node per format and change (paragraph breaks skipped). */
function inlineNodes(
  units: Unit[],
  ids: number[],
  from: number,
  to: number,
  marks: Map<number, ChangeMark>,
): JsonNode[] {
  const nodes: JsonNode[] = [];
  let current: { node: JsonNode; key: string; id: number } | null = null;
  for (let i = from; i < to; i++) {
    const unit = units[i]!;
    if (unit.ch === SEPARATOR) continue; // two blocks joined: the break is gone
    const id = ids[i]!;
    const mark = id ? marks.get(id) : undefined;
    const { $change: _old, ...source } = unit.source;
    if (source.type !== "text") {
      // A line break or a tab: one node each.
      nodes.push({ ...source, ...(mark ? { $change: mark } : {}) });
      current = null;
      continue;
    }
    const key = styleKey(unit.source);
    if (current && current.key === key && current.id === id) {
      current.node.text += unit.ch;
      continue;
    }
    const node: JsonNode = { ...source, text: unit.ch, ...(mark ? { $change: mark } : {}) };
    nodes.push(node);
    current = { node, key, id };
  }
  return nodes;
}

/** A block for text deleted with its paragraph, fitting the container it is put back in. */
function deletedBlock(source: JsonNode, parent: JsonNode, children: JsonNode[], mark: ChangeMark) {
  const { children: _c, $inserted: _i, $deleted: _d, ...shape } = source;
  const plain = { version: 1, indent: 0, format: "", direction: null, children };
  let block: JsonNode = { ...shape, children };
  if (parent.type === "list" && block.type !== "listitem") {
    block = { type: "listitem", value: 1, ...plain };
  } else if (parent.type !== "list" && block.type === "listitem") {
    block = { type: "paragraph", ...plain };
  }
  return { ...block, $deleted: mark };
}

/**
 * The final content with every change marked: each leaf block takes its
 * units up to its own (live) paragraph break; tombstones that end in a deleted
 * break before any live text are blocks deleted whole, put back in place.
 */
function annotate(
  finalRoot: JsonNode,
  units: Unit[],
  ids: number[],
  changes: Change[],
): { root: JsonNode } {
  const root = structuredClone(finalRoot);
  const leaves = leavesOf(root);
  const marks = new Map<number, ChangeMark>(
    changes.map((c) => [
      c.id,
      { id: c.id, type: c.type, authorId: c.author.id, author: c.author.name, at: c.at },
    ]),
  );
  const putBack = new Map<Leaf | null, JsonNode[]>();
  const deletedWhole = (from: number, to: number, before: Leaf | null, parent: JsonNode) => {
    // Units [from, to) are tombstones; the last is the deleted paragraph break.
    if (to - 1 === from) return; // an empty paragraph: nothing to show
    const block = deletedBlock(
      units[to - 1]!.source,
      parent,
      inlineNodes(units, ids, from, to - 1, marks),
      marks.get(ids[to - 1]!)!,
    );
    putBack.set(before, [...(putBack.get(before) ?? []), block]);
  };

  let at = 0;
  for (const leaf of leaves) {
    let from = at;
    let live = false;
    while (at < units.length) {
      const unit = units[at]!;
      if (unit.ch === SEPARATOR && unit.del === undefined) break; // the leaf's own end
      if (unit.ch === SEPARATOR && !live) {
        deletedWhole(from, at + 1, leaf, leaf.parent);
        from = at + 1;
      }
      if (unit.del === undefined) live = true;
      at++;
    }
    if (at >= units.length) throw new Error("attribution: the text does not match its revision");
    const nested = (leaf.node.children ?? []).filter((c) => c.type === "list");
    leaf.node.children = [...inlineNodes(units, ids, from, at, marks), ...nested];
    if (units[at]!.ins !== undefined) leaf.node.$inserted = marks.get(ids[at]!)!;
    at++;
  }
  // Tombstones after the last block: blocks deleted at the end of the text.
  const lastParent = leaves[leaves.length - 1]?.parent ?? root;
  for (let from = at; at < units.length; at++) {
    if (units[at]!.ch === SEPARATOR) {
      deletedWhole(from, at + 1, null, lastParent);
      from = at + 1;
    }
  }

  for (const [before, blocks] of putBack) {
    const parent = before ? before.parent : lastParent;
    const children = (parent.children ??= []);
    const index = before ? children.indexOf(before.node) : -1;
    children.splice(index < 0 ? children.length : index, 0, ...blocks);
  }
  return { root };
}

/**
 * Every change from `baseline` through `revisions` (oldest first), attributed
 * to the author of the revision that made it.
 */
export function attribute(baseline: string, revisions: Revision[]): Tracked {
  let flat = flatten(parseContent(baseline).root);
  let units: Unit[] = Array.from({ length: flat.text.length }, (_, i) => ({
    ch: flat.text[i]!,
    source: flat.sources[i]!,
  }));
  revisions.forEach((revision, index) => {
    const next = flatten(parseContent(revision.content).root);
    units = applyRevision(units, flat.text, next, index);
    flat = next;
  });
  const { ids, changes } = changesOf(units, revisions);
  return {
    annotated: annotate(flat.root, units, ids, changes),
    changes,
    authors: summaryOf(changes),
  };
}

// --- Acting on the annotated content ---

/**
 * The content with the given changes undone and the others kept: an undone
 * insertion goes, an undone deletion comes back. Marks are removed.
 */
export function withChangesUndone(
  annotated: { root: JsonNode },
  undo: ReadonlySet<number>,
): string {
  const clean = (nodes: JsonNode[]): JsonNode[] =>
    nodes.flatMap((node) => {
      const { $change, $deleted, $inserted, children, ...rest } = node;
      if ($deleted && !undo.has($deleted.id)) return [];
      if ($change) {
        const undone = undo.has($change.id);
        if ($change.type === "insert" ? undone : !undone) return [];
      }
      const kept = children ? clean(children) : undefined;
      // A paragraph that was new and is now empty goes with its text.
      if ($inserted && undo.has($inserted.id) && kept && kept.length === 0) return [];
      return [kept ? { ...rest, children: kept } : rest];
    });
  const root = annotated.root;
  return JSON.stringify({ root: { ...root, children: clean(root.children ?? []) } });
}

/** The content with every change accepted (清稿): deletions gone, insertions kept, no marks. */
export function acceptedContent(annotated: { root: JsonNode }): string {
  return withChangesUndone(annotated, new Set());
}

/** The ids of every change by `authorId`. */
export function changesBy(tracked: Pick<Tracked, "changes">, authorId: string): Set<number> {
  return new Set(tracked.changes.filter((c) => c.author.id === authorId).map((c) => c.id));
}
