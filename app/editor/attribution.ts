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
import { diffArrays, diffChars } from "diff";

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

/**
 * Above this many edits, a character diff gives up (its cost grows with the
 * square of the edits: a 15,000-character text rewritten whole took 16 s):
 * the text is then compared sentence by sentence, and above as many changed
 * sentences it counts as replaced whole.
 */
const MAX_EDIT_LENGTH = 500;

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

/**
 * The flat text and where its characters come from: segment i (an inline
 * node's text, or a block's separator) starts at starts[i] and comes from nodes[i].
 */
interface Flat {
  text: string;
  starts: number[];
  nodes: JsonNode[];
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
  const starts: number[] = [];
  const nodes: JsonNode[] = [];
  let length = 0;
  for (const { node } of leaves) {
    for (const inline of inlineOf(node)) {
      const text = textOf(inline);
      if (!text) continue;
      parts.push(text);
      starts.push(length);
      nodes.push(inline);
      length += text.length;
    }
    parts.push(SEPARATOR);
    starts.push(length);
    nodes.push(node);
    length += 1;
  }
  return { text: parts.join(""), starts, nodes, root, leaves };
}

/** The node character `at` of the flat text comes from. */
function sourceAt(flat: Flat, at: number): JsonNode {
  let low = 0;
  let high = flat.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (flat.starts[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return flat.nodes[low]!;
}

/** Calls `each` with the node of every character of the flat text, in order. */
function eachSource(flat: Flat, each: (source: JsonNode, at: number) => void) {
  for (let segment = 0; segment < flat.starts.length; segment++) {
    const end = flat.starts[segment + 1] ?? flat.text.length;
    for (let at = flat.starts[segment]!; at < end; at++) each(flat.nodes[segment]!, at);
  }
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
  ins: number | undefined;
  /** Index of the revision that deleted it: a tombstone. */
  del: number | undefined;
}

type Op = { kind: "same" | "removed" | "added"; text: string };

/** The length of the longest common prefix (or suffix, `fromEnd`) of two strings. */
function commonLength(a: string, b: string, fromEnd: boolean, limit: number): number {
  // Native string comparison by halves, then character by character for the last steps.
  const same = (n: number) =>
    fromEnd ? a.slice(a.length - n) === b.slice(b.length - n) : a.slice(0, n) === b.slice(0, n);
  let low = 0;
  let high = limit;
  while (high - low > 32) {
    const middle = (low + high) >> 1;
    if (same(middle)) low = middle;
    else high = middle - 1;
  }
  while (low < high && same(low + 1)) low++;
  return low;
}

function opsBetween(before: string, after: string): Op[] {
  const shorter = Math.min(before.length, after.length);
  let start = commonLength(before, after, false, shorter);
  let end = commonLength(before, after, true, shorter - start);
  // Compare whole paragraphs: the common ends stop at paragraph breaks, so that the
  // diff, not the trimming, decides where a change inside a paragraph goes.
  start = before.lastIndexOf(SEPARATOR, start - 1) + 1;
  while (end > 0 && before[before.length - end - 1] !== SEPARATOR) end--;
  const ops: Op[] = [];
  if (start > 0) ops.push({ kind: "same", text: before.slice(0, start) });
  const oldMiddle = before.slice(start, before.length - end);
  const newMiddle = after.slice(start, after.length - end);
  if (oldMiddle && newMiddle) {
    ops.push(...changedText(oldMiddle, newMiddle));
  } else if (oldMiddle) {
    ops.push({ kind: "removed", text: oldMiddle });
  } else if (newMiddle) {
    ops.push({ kind: "added", text: newMiddle });
  }
  if (end > 0) ops.push({ kind: "same", text: before.slice(before.length - end) });
  return ops.map((op, i) => (op.kind === "same" ? op : slid(ops, i)));
}

/** A diff's parts as ops; null when it gave up. */
function opsOf(parts: { added?: boolean; removed?: boolean; value: string }[] | undefined) {
  return parts?.map((part): Op => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}

/** Sentences and their ends (paragraph breaks included), the pieces a long rewrite is compared in. */
const sentences = (text: string) =>
  text.match(/[^。！？；\u2029]*(?:[。！？；\u2029]|$)/g)!.filter(Boolean);

/**
 * The ops from `before` to `after` (both changed somewhere): by character
 * when the edits are few; else by sentence, then by character inside each
 * run of changed sentences; else replaced whole.
 */
function changedText(before: string, after: string): Op[] {
  const replaced = (a: string, b: string): Op[] => [
    ...(a ? [{ kind: "removed" as const, text: a }] : []),
    ...(b ? [{ kind: "added" as const, text: b }] : []),
  ];
  const byChar = (a: string, b: string) =>
    (a && b && opsOf(diffChars(a, b, { maxEditLength: MAX_EDIT_LENGTH }))) || replaced(a, b);
  const chars = opsOf(diffChars(before, after, { maxEditLength: MAX_EDIT_LENGTH }));
  if (chars) return chars;
  const parts = diffArrays(sentences(before), sentences(after), {
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (!parts) return replaced(before, after);
  const ops: Op[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    ops.push(...byChar(removed, added));
    removed = added = "";
  };
  for (const part of parts) {
    const text = part.value.join("");
    if (part.removed) removed += text;
    else if (part.added) added += text;
    else {
      flush();
      ops.push({ kind: "same", text });
    }
  }
  flush();
  return ops;
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

/**
 * Applies revision `index` (its flat text) to the units of the text before it.
 * The common ends stay in place; only the units of the changed middle are
 * rebuilt. A unit's node (its format) is taken when it is deleted, and for
 * the text that stays, from the last revision at the end (see `attribute`).
 */
function applyRevision(units: Unit[], before: Flat, next: Flat, index: number): Unit[] {
  const ops = opsBetween(before.text, next.text);
  const prefix = ops[0]?.kind === "same" ? ops.shift()!.text.length : 0;
  const suffix = ops.at(-1)?.kind === "same" ? ops.pop()!.text.length : 0;
  if (ops.length === 0) return units;
  // Just after the prefix's last live unit, and at the suffix's first live unit.
  let from = 0;
  for (let live = 0; live < prefix; from++) if (units[from]!.del === undefined) live++;
  let to = units.length;
  for (let live = 0; live < suffix;) if (units[--to]!.del === undefined) live++;

  const out: Unit[] = [];
  let at = from; // in units
  let inBefore = prefix; // in before.text
  let inNext = prefix; // in next.text
  const copyTombstones = () => {
    while (at < to && units[at]!.del !== undefined) out.push(units[at++]!);
  };
  for (const op of ops) {
    if (op.kind === "same") {
      for (let i = 0; i < op.text.length; i++) {
        copyTombstones();
        out.push(units[at++]!);
      }
      inBefore += op.text.length;
      inNext += op.text.length;
    } else if (op.kind === "removed") {
      for (let i = 0; i < op.text.length; i++) {
        copyTombstones();
        const unit = units[at++]!;
        const source = sourceAt(before, inBefore++);
        // Text inserted after the baseline and deleted again leaves no trace.
        if (unit.ins !== undefined) continue;
        unit.del = index;
        unit.source = source;
        out.push(unit);
      }
    } else {
      // The tombstones where the text goes: just behind it and just ahead.
      let back = out.length;
      while (back > 0 && out[back - 1]!.del !== undefined) back--;
      let end = at;
      while (end < to && units[end]!.del !== undefined) end++;
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
            unit.del = undefined;
            unit.source = sourceAt(next, inNext++);
          }
          out.push(unit);
        });
      } else {
        // New text follows what was deleted here: "5" struck through, then "8".
        out.push(...around);
        for (let i = 0; i < op.text.length; i++) {
          out.push({
            ch: op.text[i]!,
            source: sourceAt(next, inNext++),
            ins: index,
            del: undefined,
          });
        }
      }
    }
  }
  while (at < to) out.push(units[at++]!);
  // In place: copying the whole array for each revision would cost more than the diff.
  if (out.length <= 10_000) {
    units.splice(from, to - from, ...out);
    return units;
  }
  const whole = units.slice(0, from);
  for (const unit of out) whole.push(unit);
  for (let i = to; i < units.length; i++) whole.push(units[i]!);
  return whole;
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
    if (unit.source.type === "text") {
      const key = styleKey(unit.source);
      if (current && current.key === key && current.id === id) {
        current.node.text += unit.ch;
        continue;
      }
    }
    const mark = id ? marks.get(id) : undefined;
    const { $change: _old, ...source } = unit.source;
    if (source.type !== "text") {
      // A line break or a tab: one node each.
      nodes.push({ ...source, ...(mark ? { $change: mark } : {}) });
      current = null;
      continue;
    }
    const key = styleKey(unit.source);
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
  let units: Unit[] = [];
  // Every unit has the same shape (no optional keys, no `delete`): V8 keeps them fast.
  eachSource(flat, (source, at) =>
    units.push({ ch: flat.text[at]!, source, ins: undefined, del: undefined }),
  );
  revisions.forEach((revision, index) => {
    const next = flatten(parseContent(revision.content).root);
    units = applyRevision(units, flat, next, index);
    flat = next;
  });
  // The text that stays takes its format from the last revision.
  const live = units.filter((unit) => unit.del === undefined);
  eachSource(flat, (source, at) => (live[at]!.source = source));
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
