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

export type ContentCheck =
  | ({ ok: true; content: SerializedEditorState; json: string } & ContentFacts)
  | { ok: false; status: 413 | 422; message: string };

/**
 * Checks content sent by a client: size, JSON, node types (unknown ones make
 * parseEditorState throw) and heading levels. Returns the normalised JSON.
 */
export function checkContent(input: unknown): ContentCheck {
  const raw = typeof input === "string" ? input : JSON.stringify(input ?? null);
  if (Buffer.byteLength(raw, "utf8") > MAX_CONTENT_BYTES) {
    return {
      ok: false,
      status: 413,
      message: "内容超过 2 MB，无法保存。请删减后再试，或把内容拆到多个章节。",
    };
  }
  const editor = headlessEditor();
  let state: EditorState;
  try {
    // Parsing is the check: it throws on node types outside EDITOR_NODES. The
    // parsed state is read directly; making it the editor's state would cost
    // a reconciliation for nothing.
    state = editor.parseEditorState(withoutInlineStyles(raw));
  } catch (error) {
    const detail = error instanceof Error ? error.message : "";
    const unknownType = /type\s+"?([\w-]+)"?/.exec(detail)?.[1];
    return {
      ok: false,
      status: 422,
      message: unknownType
        ? `内容中含有本系统不支持的元素（${unknownType}），未保存。`
        : "内容格式无效，未保存。请刷新页面后重试。",
    };
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
