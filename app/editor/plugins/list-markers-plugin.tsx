import { $isListItemNode, $isListNode, type ListNode } from "@lexical/list";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $getRoot, type LexicalEditor } from "lexical";
import { useEffect } from "react";

import { listMarker, type ListStyle } from "~/export/lists";

/** Marks every item of `list` with the marker it prints with, as the export counts them. */
function $markList(editor: LexicalEditor, list: ListNode, depth: number, style: ListStyle) {
  let n = 0;
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const children = item.getChildren();
    const nested = children.filter($isListNode);
    const hasText = children.some((c) => !$isListNode(c) && c.getTextContent().trim() !== "");
    const element = editor.getElementByKey(item.getKey());
    if (hasText) {
      n += 1;
      element?.setAttribute("data-marker", listMarker(list.getListType(), n, depth, style));
    } else {
      element?.removeAttribute("data-marker");
    }
    for (const child of nested) $markList(editor, child, depth + 1, style);
  }
}

/**
 * Shows each list item's marker exactly as the document prints it
 * (app/export/lists.ts): 一是/（1）/①, never a bullet. The marker is drawn from
 * a data attribute, so the text itself is untouched.
 */
export function ListMarkersPlugin({ listStyle }: { listStyle: ListStyle }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const mark = () =>
      editor.getEditorState().read(() => {
        for (const node of $getRoot().getChildren()) {
          if ($isListNode(node)) $markList(editor, node, 0, listStyle);
        }
      });
    mark();
    return editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size > 0 || dirtyLeaves.size > 0) mark(); // not on caret moves
    });
  }, [editor, listStyle]);
  return null;
}
