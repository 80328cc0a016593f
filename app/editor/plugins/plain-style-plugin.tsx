import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { TextNode } from "lexical";
import { useEffect } from "react";

/**
 * Text pasted from Word or a web page keeps its structure (headings, lists,
 * tables, bold…) but not its fonts, sizes and colours: the official layout
 * comes from the export, not from the clerk's clipboard.
 */
export function PlainStylePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerNodeTransform(TextNode, (node) => {
        if (node.getStyle() !== "") node.setStyle("");
      }),
    [editor],
  );
  return null;
}
