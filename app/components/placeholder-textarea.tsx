import { useEffect, useRef, useState, type TextareaHTMLAttributes } from "react";

import { PLACEHOLDER_PATTERN } from "~/editor/nodes";

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & { defaultValue?: string };

/** The text split into plain runs and 【…】 placeholders. */
function segments(text: string): { text: string; placeholder: boolean }[] {
  const parts: { text: string; placeholder: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index), placeholder: false });
    parts.push({ text: match[0], placeholder: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), placeholder: false });
  return parts;
}

/**
 * A plain textarea that marks 【…】 the way the section editor does: a
 * backdrop behind the transparent textarea repeats the text with the
 * placeholders shaded, and a status line counts them and jumps to the next.
 */
export function PlaceholderTextarea({ defaultValue = "", className, ...props }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(defaultValue);
  const count = text.match(PLACEHOLDER_PATTERN)?.length ?? 0;

  // Conform may reset the form (defaultValue changes after a save).
  useEffect(() => setText(defaultValue), [defaultValue]);

  const syncScroll = () => {
    if (backdrop.current && ref.current) backdrop.current.scrollTop = ref.current.scrollTop;
  };

  const jumpToNext = () => {
    const area = ref.current;
    if (!area) return;
    const matches = [...area.value.matchAll(PLACEHOLDER_PATTERN)];
    if (matches.length === 0) return;
    const next = matches.find((m) => m.index >= area.selectionEnd) ?? matches[0]!;
    area.focus();
    area.setSelectionRange(next.index, next.index + next[0].length);
  };

  return (
    <>
      <div className="placeholder-textarea">
        <div
          ref={backdrop}
          className={`placeholder-backdrop ${className ?? ""}`}
          aria-hidden="true"
        >
          {segments(text).map((part, index) =>
            part.placeholder ? <mark key={index}>{part.text}</mark> : part.text,
          )}
          {/* a trailing line break needs something after it to take up its line */}
          {"\u200b"}
        </div>
        <textarea
          {...props}
          ref={ref}
          className={className}
          defaultValue={defaultValue}
          onInput={(event) => {
            setText(event.currentTarget.value);
            syncScroll();
          }}
          onScroll={syncScroll}
        />
      </div>
      <span className="placeholder-status" aria-live="polite">
        {count > 0 ? (
          <>
            还有 <strong>{count}</strong> 处待填写{" "}
            <button type="button" className="link-button" onClick={jumpToNext}>
              跳到下一处
            </button>
          </>
        ) : (
          "没有待填写的占位内容"
        )}
      </span>
    </>
  );
}
