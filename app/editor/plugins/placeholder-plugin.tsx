import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { useCallback, useEffect, useState } from "react";

import { PLACEHOLDER_PATTERN } from "../nodes";

const HIGHLIGHT = "plan-placeholder";

/** Ranges of every 【…】 in the editor's DOM, in document order. */
function placeholderRanges(root: HTMLElement): Range[] {
  const ranges: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? "";
    for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      ranges.push(range);
    }
  }
  return ranges;
}

/**
 * Highlights the 【…】 placeholders (CSS Custom Highlight API: the content
 * itself is not touched), counts them and jumps to the next one.
 */
export function PlaceholderPlugin() {
  const [editor] = useLexicalComposerContext();
  const [count, setCount] = useState(0);

  useEffect(() => {
    const highlights = typeof CSS !== "undefined" ? CSS.highlights : undefined;
    const refresh = () => {
      const root = editor.getRootElement();
      if (!root) return;
      const ranges = placeholderRanges(root);
      setCount(ranges.length);
      if (highlights && typeof Highlight !== "undefined") {
        highlights.set(HIGHLIGHT, new Highlight(...ranges));
      }
    };
    refresh();
    // Once the typing pauses, and only when the text changed (not the caret):
    // walking a long section's text on every keystroke costs a frame.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    });
    return () => {
      unregister();
      clearTimeout(timer);
      highlights?.delete(HIGHLIGHT);
    };
  }, [editor]);

  const jumpToNext = useCallback(() => {
    const root = editor.getRootElement();
    if (!root) return;
    const ranges = placeholderRanges(root);
    if (ranges.length === 0) return;
    const selection = window.getSelection();
    const current = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    const next =
      ranges.find(
        (range) => current && range.compareBoundaryPoints(Range.START_TO_END, current) > 0,
      ) ?? ranges[0]!;
    root.focus();
    selection?.removeAllRanges();
    selection?.addRange(next);
    next.startContainer.parentElement?.scrollIntoView({ block: "center" });
  }, [editor]);

  return (
    <span className="placeholder-status" aria-live="polite">
      {count > 0 ? (
        <>
          还有 <strong>{count}</strong> 处待填写{" "}
          <button type="button" className="link-button" onClick={jumpToNext}>
            跳到下一处（Alt+N）
          </button>
        </>
      ) : (
        "没有待填写的占位内容"
      )}
      <KeyboardJump onJump={jumpToNext} />
    </span>
  );
}

function KeyboardJump({ onJump }: { onJump: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && (event.key === "n" || event.key === "N")) {
        event.preventDefault();
        onJump();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onJump]);
  return null;
}
