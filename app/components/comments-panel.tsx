import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

import { occurrenceAt } from "~/editor/marks";
import { formatDateTime } from "~/utils/format";

export type ThreadView = {
  id: string;
  author: string;
  body: string;
  at: string;
  quote: string;
  resolved: { by: string; at: string } | null;
  orphaned: boolean;
  heading: string | null;
  canResolve: boolean;
  replies: { id: string; author: string; body: string; at: string }[];
};

type CommentAnswer = { commentError?: string; commentOk?: boolean };

type Quote = { quote: string; occurrence: number };

/**
 * Which appearance of the selected words this is, counted through the text's
 * blocks (the editor root's children) as the editor counts them when marking.
 */
function occurrenceOf(root: Element, range: Range, raw: string, quote: string): number {
  const blocks = Array.from(root.children);
  const block = blocks.findIndex((b) => b.contains(range.startContainer));
  if (block < 0) return 0;
  const before = document.createRange();
  before.setStart(blocks[block]!, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const offset = before.toString().length + (raw.length - raw.trimStart().length);
  return occurrenceAt(
    blocks.map((b) => b.textContent ?? ""),
    block,
    offset,
    quote,
  );
}

/** The words selected inside the section text, or why they cannot be commented. */
function useEditorSelection(rootSelector: string) {
  const [selected, setSelected] = useState<Quote | { problem: string } | null>(null);
  useEffect(() => {
    const onChange = () => {
      const selection = document.getSelection();
      const root = document.querySelector(rootSelector);
      if (!root) return;
      // Nothing (or something outside the text) is selected now: forget the old selection.
      if (
        !selection ||
        selection.isCollapsed ||
        !root.contains(selection.anchorNode) ||
        !root.contains(selection.focusNode)
      ) {
        setSelected(null);
        return;
      }
      const raw = selection.toString();
      const quote = raw.trim();
      if (!quote) {
        setSelected(null);
        return;
      }
      if (/\n/.test(quote)) setSelected({ problem: "请在同一段落内选择文字。" });
      else if (quote.length > 500) setSelected({ problem: "选中的文字过长，请少于 500 字。" });
      else
        setSelected({ quote, occurrence: occurrenceOf(root, selection.getRangeAt(0), raw, quote) });
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [rootSelector]);
  return [selected, setSelected] as const;
}

/** Comment threads of a section: add one on selected words, reply, resolve, reopen. */
export function CommentsPanel({
  threads,
  canComment,
  activeId,
  action,
}: {
  threads: ThreadView[];
  canComment: boolean;
  activeId: string | null;
  action: string;
}) {
  const [selected, setSelected] = useEditorSelection(".editor-root");
  const [composing, setComposing] = useState<Quote | null>(null);
  const fetcher = useFetcher<CommentAnswer>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.commentOk) {
      setComposing(null);
      setSelected(null);
      // Back to the text the person was reading; the status line says it worked.
      document.querySelector<HTMLElement>(".editor-root")?.focus({ preventScroll: true });
    }
  }, [fetcher.state, fetcher.data, setSelected]);

  // Ctrl+Alt+M (Word's shortcut for a new comment): comment on the selection without the mouse.
  useEffect(() => {
    if (!canComment) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey && event.altKey && event.key.toLowerCase() === "m")) return;
      if (selected && "quote" in selected) {
        event.preventDefault();
        setComposing(selected);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [canComment, selected]);

  const standing = threads.filter((t) => !t.orphaned);
  const orphaned = threads.filter((t) => t.orphaned);
  // A thread whose words were edited away stays open until someone resolves it.
  const open = threads.filter((t) => !t.resolved).length;
  return (
    <aside className="comments-panel" aria-labelledby="comments-heading" data-testid="comments">
      <h2 id="comments-heading">
        意见 <span className="muted">（{open} 条未解决）</span>
      </h2>
      {canComment && !composing && (
        <div className="comment-start">
          <button
            type="button"
            className="button small"
            // Pressing the button must not clear the selection it is about.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              if (selected && "quote" in selected) setComposing(selected);
            }}
            disabled={!selected || !("quote" in selected)}
            aria-keyshortcuts="Control+Alt+M"
          >
            对选中文字提意见
          </button>
          <p className="muted small-note">
            {selected && "problem" in selected
              ? selected.problem
              : selected && "quote" in selected
                ? `已选中：“${selected.quote.slice(0, 30)}${selected.quote.length > 30 ? "…" : ""}”`
                : "先在正文中选中要提意见的文字（也可用方向键加 Shift 选择），再按此按钮或 Ctrl+Alt+M。"}
          </p>
        </div>
      )}
      {composing && (
        <fetcher.Form method="post" action={action} ref={form} className="comment-form">
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="quote" value={composing.quote} />
          <input type="hidden" name="occurrence" value={composing.occurrence} />
          <blockquote className="comment-quote">{composing.quote}</blockquote>
          <label className="field">
            <span>意见</span>
            <textarea name="body" rows={3} required maxLength={2000} autoFocus />
          </label>
          <div className="dialog-buttons">
            <button
              type="submit"
              className="button small primary"
              disabled={fetcher.state !== "idle"}
            >
              发表意见
            </button>
            <button type="button" className="button small" onClick={() => setComposing(null)}>
              取消
            </button>
          </div>
        </fetcher.Form>
      )}
      <p role="status" className="visually-hidden">
        {fetcher.state === "idle" && fetcher.data?.commentOk ? "意见已发表。" : ""}
      </p>
      {fetcher.data?.commentError && (
        <p className="alert error" role="alert">
          {fetcher.data.commentError}
        </p>
      )}
      {standing.length === 0 && orphaned.length === 0 && <p className="muted">暂无意见。</p>}
      {standing.map((thread) => (
        <Thread
          key={thread.id}
          thread={thread}
          active={thread.id === activeId}
          canComment={canComment}
          action={action}
        />
      ))}
      {orphaned.length > 0 && (
        <section className="orphaned" aria-labelledby="orphaned-heading">
          <h3 id="orphaned-heading">原文已修改的意见（{orphaned.length}）</h3>
          <p className="muted small-note">所提意见的原文已被修改或删除，请核对后标记是否解决。</p>
          {orphaned.map((thread) => (
            <Thread
              key={thread.id}
              thread={thread}
              active={false}
              canComment={canComment}
              action={action}
            />
          ))}
        </section>
      )}
    </aside>
  );
}

function Thread({
  thread,
  active,
  canComment,
  action,
}: {
  thread: ThreadView;
  active: boolean;
  canComment: boolean;
  action: string;
}) {
  const reply = useFetcher<CommentAnswer>();
  const toggle = useFetcher<CommentAnswer>();
  const element = useRef<HTMLElement>(null);
  const replyForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (active) element.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [active]);
  useEffect(() => {
    if (reply.state === "idle" && reply.data?.commentOk) replyForm.current?.reset();
  }, [reply.state, reply.data]);
  return (
    <article
      ref={element}
      className={`comment-thread${thread.resolved ? " resolved" : ""}${active ? " active" : ""}`}
      data-testid="comment-thread"
    >
      {thread.orphaned && (
        <p className="muted small-note" data-testid="orphaned-where">
          原文{thread.heading ? `（位于“${thread.heading}”下）` : ""}：
        </p>
      )}
      <blockquote className={`comment-quote${thread.orphaned ? " gone" : ""}`}>
        {thread.quote}
      </blockquote>
      <p className="comment-meta">
        <strong>{thread.author}</strong> <span className="muted">{formatDateTime(thread.at)}</span>
      </p>
      <p className="comment-body keep-lines">{thread.body}</p>
      {thread.replies.map((r) => (
        <div key={r.id} className="comment-reply">
          <p className="comment-meta">
            <strong>{r.author}</strong> <span className="muted">{formatDateTime(r.at)}</span>
          </p>
          <p className="comment-body keep-lines">{r.body}</p>
        </div>
      ))}
      {thread.resolved && (
        <p className="muted small-note">
          {thread.resolved.by} 于 {formatDateTime(thread.resolved.at)} 标记为已解决
        </p>
      )}
      {canComment && (
        <>
          {!thread.resolved && (
            <reply.Form method="post" action={action} ref={replyForm} className="comment-form">
              <input type="hidden" name="intent" value="reply" />
              <input type="hidden" name="threadId" value={thread.id} />
              <label className="visually-hidden" htmlFor={`reply-${thread.id}`}>
                回复
              </label>
              <textarea
                id={`reply-${thread.id}`}
                name="body"
                rows={2}
                required
                maxLength={2000}
                placeholder="回复…"
              />
              <button type="submit" className="button small" disabled={reply.state !== "idle"}>
                回复
              </button>
            </reply.Form>
          )}
          {thread.canResolve && (
            <toggle.Form method="post" action={action}>
              <input
                type="hidden"
                name="intent"
                value={thread.resolved ? "reopen-comment" : "resolve"}
              />
              <input type="hidden" name="threadId" value={thread.id} />
              <button type="submit" className="button small" disabled={toggle.state !== "idle"}>
                {thread.resolved ? "重新打开" : "标记为已解决"}
              </button>
            </toggle.Form>
          )}
          {(reply.data?.commentError || toggle.data?.commentError) && (
            <p className="alert error" role="alert">
              {reply.data?.commentError ?? toggle.data?.commentError}
            </p>
          )}
        </>
      )}
    </article>
  );
}
