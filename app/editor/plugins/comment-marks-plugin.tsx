import {
  $isMarkNode,
  $unwrapMarkNode,
  $wrapSelectionInMarkNode,
  type MarkNode,
} from "@lexical/mark";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $dfs } from "@lexical/utils";
import {
  $createRangeSelection,
  $getNearestNodeFromDOMNode,
  $getRoot,
  $isElementNode,
  HISTORY_MERGE_TAG,
  SKIP_DOM_SELECTION_TAG,
  type LexicalNode,
} from "lexical";
import { useEffect } from "react";

import { COMMENT_MARK_TAG, findOccurrence, locateQuote } from "../marks";

export type MarkedThread = { id: string; quote: string; occurrence: number };

/** Wraps each open thread's quoted words in a mark (a highlight only; saves drop it). */
function $applyMarks(threads: MarkedThread[]) {
  const marks = $dfs()
    .map(({ node }) => node)
    .filter($isMarkNode);
  for (const mark of marks) $unwrapMarkNode(mark);
  for (const thread of threads) {
    // Blocks are re-read for each thread: marking splits text nodes.
    const blocks = $getRoot()
      .getChildren()
      .map((block) => ($isElementNode(block) ? block.getAllTextNodes() : []));
    const at = findOccurrence(
      blocks.map((texts) => texts.map((t) => t.getTextContent()).join("")),
      thread.quote,
      thread.occurrence,
    );
    if (!at) continue;
    const texts = blocks[at.block]!;
    const found = locateQuote(
      texts.map((t) => t.getTextContent()),
      thread.quote,
      at.nth,
    );
    if (!found) continue;
    const selection = $createRangeSelection();
    selection.anchor.set(texts[found.start[0]]!.getKey(), found.start[1], "text");
    selection.focus.set(texts[found.end[0]]!.getKey(), found.end[1], "text");
    $wrapSelectionInMarkNode(selection, false, thread.id);
  }
}

function $markOf(node: LexicalNode | null): MarkNode | null {
  for (let current = node; current; current = current.getParent()) {
    if ($isMarkNode(current)) return current;
  }
  return null;
}

export function CommentMarksPlugin({
  threads,
  onMarkClick,
}: {
  threads: MarkedThread[];
  onMarkClick?: (threadId: string) => void;
}) {
  const [editor] = useLexicalComposerContext();
  const signature = threads.map((t) => `${t.id}:${t.occurrence}:${t.quote}`).join("\n");

  useEffect(() => {
    // A view change: it must not move the reader's caret or take the focus.
    editor.update(() => $applyMarks(threads), {
      tag: [COMMENT_MARK_TAG, HISTORY_MERGE_TAG, SKIP_DOM_SELECTION_TAG],
    });
    // `signature` stands for `threads`: re-mark only when they really change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, signature]);

  useEffect(() => {
    if (!onMarkClick) return;
    const onClick = (event: MouseEvent) => {
      const target = event.target as Node | null;
      editor.read(() => {
        const mark = $markOf(target ? $getNearestNodeFromDOMNode(target) : null);
        const id = mark?.getIDs()[0];
        if (id) onMarkClick(id);
      });
    };
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener("click", onClick);
      root?.addEventListener("click", onClick);
    });
  }, [editor, onMarkClick]);

  return null;
}
