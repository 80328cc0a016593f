// Section content on the server: Lexical JSON, checked in a headless editor
// with exactly the browser's node list (DESIGN §9.7). Never HTML.
import { createHeadlessEditor } from "@lexical/headless";
import { $convertFromMarkdownString } from "@lexical/markdown";
import { $isHeadingNode } from "@lexical/rich-text";
import { $dfs } from "@lexical/utils";
import {
  $getRoot,
  type EditorState,
  type LexicalEditor,
  type SerializedEditorState,
} from "lexical";

import { fastTextOf } from "./fast-content";
import {
  countCharacters,
  countPlaceholders,
  EDITOR_NODES,
  HEADING_TAGS,
  TEMPLATE_TRANSFORMERS,
} from "./nodes";

export const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

function headlessEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: "section",
    nodes: EDITOR_NODES,
    onError: (error) => {
      throw error;
    },
  });
}

export interface ContentFacts {
  text: string;
  characters: number;
  placeholders: number;
}

function factsOf(state: EditorState): ContentFacts {
  const text = state.read(() => $getRoot().getTextContent());
  return { text, characters: countCharacters(text), placeholders: countPlaceholders(text) };
}

/** Template Markdown → editor content. */
export function markdownToContent(markdown: string): SerializedEditorState {
  const editor = headlessEditor();
  editor.update(() => $convertFromMarkdownString(markdown, TEMPLATE_TRANSFORMERS), {
    discrete: true,
  });
  return editor.getEditorState().toJSON();
}

/**
 * Inline styles (fonts, colours pasted from Word or a web page) are not part
 * of a plan: the export applies the official styles. Dropped on the way in,
 * on the JSON text (keys only: quotes inside text are escaped).
 */
function withoutInlineStyles(raw: string): string {
  return raw.replace(/"style":"(?:[^"\\]|\\.)+"/g, '"style":""');
}

/** Node types a section may hold: Lexical's own and EDITOR_NODES. */
const KNOWN_TYPES = new Set([
  "root",
  "paragraph",
  "text",
  "linebreak",
  "tab",
  ...EDITOR_NODES.map((node) => node.getType()),
]);

/** Deeper than any real document (a table in a list in a table…); refused before parsing. */
export const MAX_CONTENT_DEPTH = 64;

/**
 * The first node type that is not ours, or "too deep": found by walking the
 * JSON ourselves, so the answer never depends on Lexical's error text
 * (minified in production builds) and deep nesting cannot overflow a stack.
 */
function unknownNode(value: unknown): string | "too deep" | null {
  const stack: [unknown, number][] = [[(value as { root?: unknown } | null)?.root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_CONTENT_DEPTH) return "too deep";
    if (!node || typeof node !== "object") continue;
    const { type, children } = node as { type?: unknown; children?: unknown };
    if (typeof type === "string" && !KNOWN_TYPES.has(type)) return type;
    if (Array.isArray(children)) for (const child of children) stack.push([child, depth + 1]);
  }
  return null;
}

export type ContentCheck =
  | ({ ok: true; content: SerializedEditorState; json: string } & ContentFacts)
  | { ok: false; status: 413 | 422; message: string };

/** Content the fast walk recognised as exactly editor output, with its counts. */
function accepted(content: unknown, json: string, text: string): ContentCheck {
  return {
    ok: true,
    content: content as SerializedEditorState,
    json,
    text,
    characters: countCharacters(text),
    placeholders: countPlaceholders(text),
  };
}

/**
 * Checks content sent by a client: size, JSON, node types (unknown ones make
 * parseEditorState throw) and heading levels. Returns the normalised JSON.
 * `fast: false` skips the fast walk (fast-content.ts): the tests and the
 * benchmark compare the two.
 */
export function checkContent(
  input: unknown,
  { fast = true }: { fast?: boolean } = {},
): ContentCheck {
  const invalid = (message: string): ContentCheck => ({ ok: false, status: 422, message });
  const refusal = (unknown: string | null): ContentCheck | null => {
    if (unknown === "too deep") return invalid("内容的层级过深（表格或列表嵌套过多），未保存。");
    if (unknown) return invalid(`内容中含有本系统不支持的元素（${unknown}），未保存。`);
    return null;
  };
  const tooLarge: ContentCheck = {
    ok: false,
    status: 413,
    message: "内容超过 2 MB，无法保存。请删减后再试，或把内容拆到多个章节。",
  };
  // Sent as JSON (the editor's autosave): exactly what the editor writes is
  // taken as it came, with no text to parse again.
  const direct = fast && typeof input === "object" ? fastTextOf(input, MAX_CONTENT_DEPTH) : null;
  if (direct !== null) {
    const json = JSON.stringify(input);
    if (Buffer.byteLength(json, "utf8") > MAX_CONTENT_BYTES) return tooLarge;
    return accepted(input, json, direct);
  }
  // An object is walked before it is turned into text: stringifying deep nesting overflows.
  if (typeof input !== "string") {
    const refused = refusal(unknownNode(input));
    if (refused) return refused;
  }
  const raw = typeof input === "string" ? input : JSON.stringify(input ?? null);
  if (Buffer.byteLength(raw, "utf8") > MAX_CONTENT_BYTES) return tooLarge;
  let parsed: unknown;
  try {
    parsed = JSON.parse(withoutInlineStyles(raw));
  } catch {
    return invalid("内容格式无效，未保存。请刷新页面后重试。");
  }
  const refused = refusal(unknownNode(parsed));
  if (refused) return refused;
  // Exactly what the editor writes: stored without the headless round trip
  // (re-serialised, so that spacing in the text sent is not kept).
  const text = fast ? fastTextOf(parsed, MAX_CONTENT_DEPTH) : null;
  if (text !== null) return accepted(parsed, JSON.stringify(parsed), text);
  const editor = headlessEditor();
  let state: EditorState;
  try {
    // Parsing is the check: it throws on anything else Lexical cannot read.
    // The parsed state is read directly; making it the editor's state would
    // cost a reconciliation for nothing.
    state = editor.parseEditorState(parsed as SerializedEditorState);
  } catch {
    return invalid("内容格式无效，未保存。请刷新页面后重试。");
  }
  const badHeading = state.read(
    () =>
      $dfs().some(
        ({ node }) =>
          $isHeadingNode(node) && !(HEADING_TAGS as readonly string[]).includes(node.getTag()),
      ),
    { editor },
  );
  if (badHeading) {
    return { ok: false, status: 422, message: "标题最多三级（一、 /（一）/ 1.），未保存。" };
  }
  const content = state.toJSON();
  return { ok: true, content, json: JSON.stringify(content), ...factsOf(state) };
}

/** Facts about stored content (assumed valid). */
export function contentFacts(json: string): ContentFacts {
  return factsOf(headlessEditor().parseEditorState(json));
}
