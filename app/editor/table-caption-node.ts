import { addClassNamesToElement } from "@lexical/utils";
import {
  $applyNodeReplacement,
  $createParagraphNode,
  type EditorConfig,
  type LexicalNode,
  ParagraphNode,
  type TextNode,
} from "lexical";

import { stripTypedTableNumber } from "~/export/numbering";

import { $stripLeadingNumber } from "./heading-numbers";

/**
 * A table's caption (表题): a paragraph of its own kind, so that the export
 * numbers it through the plan (表1, 表2 …), centres it and keeps it with the
 * table under it. The drafter types only the title; the number shows in the
 * editor from its place (styles/editor.css) and is never stored.
 */
export class TableCaptionNode extends ParagraphNode {
  override $config() {
    return this.config("tablecaption", { extends: ParagraphNode });
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const element = super.createDOM(config);
    element.className = "";
    const className = (config.theme as { tableCaption?: string }).tableCaption;
    if (className) addClassNamesToElement(element, className);
    return element;
  }

  /** Backspace at its start makes it a plain paragraph again, as a heading does. */
  override collapseAtStart(): boolean {
    const paragraph = $createParagraphNode();
    for (const child of this.getChildren()) paragraph.append(child);
    this.replace(paragraph);
    paragraph.selectStart();
    return true;
  }
}

export function $createTableCaptionNode(): TableCaptionNode {
  return $applyNodeReplacement(new TableCaptionNode());
}

export function $isTableCaptionNode(
  node: LexicalNode | null | undefined,
): node is TableCaptionNode {
  return node instanceof TableCaptionNode;
}

/**
 * Drops a "表3 " typed or pasted at the caption's start: the number comes
 * from its place. Only once a title follows, so that "表3" is not taken away
 * while it is being typed.
 */
export function $stripTableNumber(caption: TableCaptionNode): void {
  $stripLeadingNumber(caption, (text) => {
    const title = stripTypedTableNumber(text);
    return title.trim() ? title : text;
  });
}

/** Typing changes only the text node, and element transforms run only when the element itself changes. */
export function $stripTableNumberFromText(text: TextNode): void {
  const parent = text.getParent();
  if ($isTableCaptionNode(parent) && parent.getFirstDescendant() === text)
    $stripTableNumber(parent);
}
