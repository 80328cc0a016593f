import { HeadingNode } from "@lexical/rich-text";
import { addClassNamesToElement } from "@lexical/utils";
import type { EditorConfig } from "lexical";

/**
 * The section editor's headings, one level below the page's own h1: a 一、
 * heading is an <h2> in the page, a （一） one an <h3>, a 1. one an <h4>.
 * Stored content is unchanged: saves write it back as "heading" with tag
 * h1–h3 (stored-content.ts).
 */
export class PageHeadingNode extends HeadingNode {
  override $config() {
    return this.config("page-heading", { extends: HeadingNode });
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const tag = this.__tag;
    const level = Math.min(Number(tag.slice(1)) + 1, 6);
    const element = document.createElement(`h${level}`);
    const className = config.theme.heading?.[tag];
    if (className) addClassNamesToElement(element, className);
    return element;
  }
}

/** Registered in the browser editor: every heading it makes or loads renders one level down. */
export const PAGE_HEADINGS = [
  PageHeadingNode,
  {
    replace: HeadingNode,
    with: (node: HeadingNode) => new PageHeadingNode(node.getTag()),
    withKlass: PageHeadingNode,
  },
] as const;
