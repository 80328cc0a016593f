import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { HeadingNode } from "@lexical/rich-text";
import { mergeRegister } from "@lexical/utils";
import { TextNode } from "lexical";
import { useEffect } from "react";

import { $stripHeadingNumber } from "../heading-numbers";
import { PageHeadingNode } from "../page-heading-node";
import {
  $stripTableNumber,
  $stripTableNumberFromText,
  TableCaptionNode,
} from "../table-caption-node";

/**
 * Headings get their numbers from their position (一、/（一）/1.), table
 * captions theirs (表N) from their place in the plan; a number
 * typed or pasted at a heading's start, or kept when a paragraph becomes a
 * heading, is dropped so it never shows twice.
 */
export function HeadingNumbersPlugin() {
  const [editor] = useLexicalComposerContext();
  // The browser editor's headings are PageHeadingNodes (a HeadingNode that renders a level down).
  useEffect(
    () =>
      mergeRegister(
        editor.registerNodeTransform(HeadingNode, $stripHeadingNumber),
        editor.registerNodeTransform(PageHeadingNode, $stripHeadingNumber),
        editor.registerNodeTransform(TableCaptionNode, $stripTableNumber),
        editor.registerNodeTransform(TextNode, $stripTableNumberFromText),
      ),
    [editor],
  );
  return null;
}
