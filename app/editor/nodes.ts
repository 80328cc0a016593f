// The one node list of the section editor, shared by the browser editor and
// the server's headless validation (DESIGN §9.7). A node type not listed
// here is refused when content is saved.
import { ListItemNode, ListNode } from "@lexical/list";
import {
  BOLD_ITALIC_STAR,
  BOLD_STAR,
  HEADING,
  ITALIC_STAR,
  ORDERED_LIST,
  UNORDERED_LIST,
  type Transformer,
} from "@lexical/markdown";
import { HeadingNode, QuoteNode } from "@lexical/rich-text";
import { TableCellNode, TableNode, TableRowNode } from "@lexical/table";
import type { Klass, LexicalNode } from "lexical";

import { TableCaptionNode } from "./table-caption-node";

export const EDITOR_NODES: Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  TableCaptionNode,
];

/** Heading tags in use: h1 一、, h2 (一), h3 1. (DESIGN §2, EXPORT-SPEC). */
export const HEADING_TAGS = ["h1", "h2", "h3"] as const;

/** Markdown the templates may use. */
export const TEMPLATE_TRANSFORMERS: Transformer[] = [
  HEADING,
  UNORDERED_LIST,
  ORDERED_LIST,
  BOLD_ITALIC_STAR,
  BOLD_STAR,
  ITALIC_STAR,
];

/** Template placeholders the drafter must replace: 【…】. */
export const PLACEHOLDER_PATTERN = /【[^【】\n]*】/g;

export function countPlaceholders(text: string): number {
  return text.match(PLACEHOLDER_PATTERN)?.length ?? 0;
}

/** Characters as a clerk counts them: everything but white space. */
export function countCharacters(text: string): number {
  return text.replace(/\s/g, "").length;
}
