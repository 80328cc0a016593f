import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $getRoot } from "lexical";
import { useEffect } from "react";

import { stripTypedTableNumber, tableNumber } from "~/export/numbering";

import { $isTableCaptionNode } from "../table-caption-node";

/**
 * Shows each table caption's number as the document prints it: 表N through
 * the plan, counting from this section's first (a caption with no title is
 * not printed, so not counted). Drawn from a data attribute, so the text
 * itself is untouched.
 */
export function TableNumbersPlugin({ first }: { first: number }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const mark = () =>
      editor.getEditorState().read(() => {
        let n = first - 1;
        for (const node of $getRoot().getChildren()) {
          if (!$isTableCaptionNode(node)) continue;
          const element = editor.getElementByKey(node.getKey());
          if (stripTypedTableNumber(node.getTextContent()).trim()) {
            element?.setAttribute("data-number", tableNumber(++n));
          } else {
            element?.removeAttribute("data-number");
          }
        }
      });
    mark();
    return editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size > 0 || dirtyLeaves.size > 0) mark(); // not on caret moves
    });
  }, [editor, first]);
  return null;
}
