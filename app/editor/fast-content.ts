// A fast check of saved editor JSON: one walk over the parsed value against
// the exact shapes Lexical's toJSON() writes for our node list. It answers
// only "this is exactly what the editor writes" (with the text for counting),
// or "cannot say" — never "refused": anything it does not recognise goes to
// the headless editor, which stays the judge of what may be stored.
// Measured in bench/run.ts: the headless parse and re-serialisation were
// most of an autosave's CPU.

type Json = Record<string, unknown>;

/** Key → check of its value; a key absent from the table makes the walk give up. */
type Shape = Record<string, (value: unknown) => boolean>;

const isInt = (min: number, max: number) => (value: unknown) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const isOneOf =
  (...allowed: unknown[]) =>
  (value: unknown) =>
    allowed.includes(value);
const isShortString = (value: unknown) => typeof value === "string" && value.length <= 64;
const isWidth = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 10_000;

/** Keys every element node writes (ElementNode.exportJSON). */
const ELEMENT: Shape = {
  type: () => true,
  version: isOneOf(1),
  direction: isOneOf(null, "ltr", "rtl"),
  format: isOneOf("", "left", "start", "center", "right", "end", "justify"),
  indent: isInt(0, 20),
  textFormat: isInt(0, 2047),
  textStyle: isOneOf(""),
  children: Array.isArray,
};

const TEXT_BASE: Shape = {
  type: () => true,
  version: isOneOf(1),
  detail: isInt(0, 3),
  format: isInt(0, 2047),
  mode: isOneOf("normal", "token", "segmented"),
  // Inline styles are blanked before the check (content.server.ts).
  style: isOneOf(""),
  text: (value) => typeof value === "string",
};

const SHAPES: Record<string, Shape> = {
  root: ELEMENT,
  paragraph: ELEMENT,
  tablecaption: ELEMENT,
  quote: ELEMENT,
  // Other heading levels are refused with their own message by the headless check.
  heading: { ...ELEMENT, tag: isOneOf("h1", "h2", "h3") },
  list: {
    ...ELEMENT,
    listType: isOneOf("number", "bullet"),
    start: isInt(0, 100_000),
    tag: isOneOf("ol", "ul"),
  },
  listitem: { ...ELEMENT, value: isInt(0, 100_000), checked: isOneOf(true, false) },
  table: {
    ...ELEMENT,
    colWidths: (value) => Array.isArray(value) && value.length <= 100 && value.every(isWidth),
    rowStriping: isOneOf(true, false),
    frozenColumnCount: isInt(0, 100),
    frozenRowCount: isInt(0, 100),
  },
  tablerow: { ...ELEMENT, height: isWidth },
  tablecell: {
    ...ELEMENT,
    backgroundColor: (value) => value === null || isShortString(value),
    colSpan: isInt(1, 100),
    rowSpan: isInt(1, 100),
    headerState: isInt(0, 3),
    verticalAlign: isOneOf("top", "middle", "bottom"),
    width: isWidth,
  },
  text: TEXT_BASE,
  tab: { ...TEXT_BASE, text: isOneOf("\t") },
  linebreak: { type: () => true, version: isOneOf(1) },
};

/** Keys an element must write; the rest of a shape's keys are optional. */
const REQUIRED_ELEMENT_KEYS = ["children", "direction", "format", "indent", "type", "version"];
const REQUIRED: Record<string, string[]> = {
  root: REQUIRED_ELEMENT_KEYS,
  paragraph: REQUIRED_ELEMENT_KEYS,
  tablecaption: REQUIRED_ELEMENT_KEYS,
  quote: REQUIRED_ELEMENT_KEYS,
  heading: [...REQUIRED_ELEMENT_KEYS, "tag"],
  list: [...REQUIRED_ELEMENT_KEYS, "listType", "start", "tag"],
  listitem: [...REQUIRED_ELEMENT_KEYS, "value"],
  table: REQUIRED_ELEMENT_KEYS,
  tablerow: REQUIRED_ELEMENT_KEYS,
  tablecell: [...REQUIRED_ELEMENT_KEYS, "colSpan", "rowSpan", "headerState", "backgroundColor"],
  text: ["detail", "format", "mode", "style", "text", "type", "version"],
  tab: ["detail", "format", "mode", "style", "text", "type", "version"],
  linebreak: ["type", "version"],
};

/** Which children each element may hold, as the editor nests them. */
const INLINE = new Set(["text", "tab", "linebreak"]);
const BLOCK = new Set(["paragraph", "heading", "quote", "list", "table", "tablecaption"]);
const CHILDREN: Record<string, Set<string>> = {
  root: BLOCK,
  paragraph: INLINE,
  tablecaption: INLINE,
  heading: INLINE,
  quote: INLINE,
  list: new Set(["listitem"]),
  listitem: new Set([...INLINE, "list"]),
  table: new Set(["tablerow"]),
  tablerow: new Set(["tablecell"]),
  tablecell: new Set(["paragraph", "heading", "quote", "list"]),
};

function fits(node: Json, type: string): boolean {
  const shape = SHAPES[type]!;
  for (const key in node) {
    const check = shape[key];
    const value = node[key];
    // toJSON() leaves unset optional keys undefined; JSON text never holds them.
    if (value === undefined) continue;
    if (!check || !check(value)) return false;
  }
  for (const key of REQUIRED[type]!) if (!(key in node)) return false;
  return true;
}

/**
 * The text as Lexical's getTextContent() gives it (blocks joined by a blank
 * line), when the value is exactly editor output; null when it cannot say.
 */
export function fastTextOf(state: unknown, maxDepth: number): string | null {
  if (!state || typeof state !== "object" || Object.keys(state).length !== 1) return null;
  const root = (state as { root?: unknown }).root;
  if (!root || typeof root !== "object" || (root as Json).type !== "root") return null;
  const out: string[] = [];
  // Recursion is bounded by maxDepth (64), far below the stack's limit.
  const walk = (node: Json, depth: number): boolean => {
    if (depth > maxDepth) return false;
    const type = node.type as string;
    if (!fits(node, type)) return false;
    if (type === "text" || type === "tab") {
      out.push(node.text as string);
      return true;
    }
    if (type === "linebreak") {
      out.push("\n");
      return true;
    }
    const allowed = CHILDREN[type]!;
    const children = node.children as unknown[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (!child || typeof child !== "object" || Array.isArray(child)) return false;
      const childType = (child as Json).type;
      if (typeof childType !== "string" || !allowed.has(childType)) return false;
      if (!walk(child as Json, depth + 1)) return false;
      if (!INLINE.has(childType) && i !== children.length - 1) out.push("\n\n");
    }
    return true;
  };
  return walk(root as Json, 1) ? out.join("") : null;
}
