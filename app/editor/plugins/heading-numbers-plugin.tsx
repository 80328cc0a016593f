import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { HeadingNode } from "@lexical/rich-text";
import { useEffect } from "react";

import { $stripHeadingNumber } from "../heading-numbers";

/**
 * Headings get their numbers from their position (一、/（一）/1.); a number
 * typed or pasted at a heading's start, or kept when a paragraph becomes a
 * heading, is dropped so it never shows twice.
 */
export function HeadingNumbersPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerNodeTransform(HeadingNode, $stripHeadingNumber), [editor]);
  return null;
}
