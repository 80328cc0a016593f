import { useCallback, useEffect, useRef, useState } from "react";

// Autosave for one section: a second after typing stops, on blur and when the
// page is hidden. Every change is also kept in localStorage (in the browser's
// next idle moment, at most DRAFT_LATENCY_MS later, and at once when the page
// is hidden), so a reload, a crash or a dropped network loses nothing; the
// copy is cleared once the server has it. A change arrives as a function that
// serialises it: a 20,000-character section is 124 KB of JSON, too much to
// build and store on every keystroke (bench/typing.ts).

export const AUTOSAVE_DELAY_MS = 1000;
const SETTLE_LIMIT_MS = 10_000;
const RETRY_MS = 5000;
const DRAFT_LATENCY_MS = 300;

/** Runs `task` when the browser is idle (or after `latency` ms at the latest). */
function whenIdle(task: () => void, latency: number): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(task, { timeout: latency });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, Math.min(latency, 50));
  return () => clearTimeout(handle);
}

export interface LocalDraft {
  json: string;
  baseVersion: number;
  at: string;
}

export function draftKey(sectionId: string): string {
  return `annual-plan:draft:${sectionId}`;
}

export function readDraft(sectionId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(draftKey(sectionId));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

function writeDraft(sectionId: string, draft: LocalDraft) {
  try {
    window.localStorage.setItem(draftKey(sectionId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server save still runs.
  }
}

export function clearDraft(sectionId: string) {
  try {
    window.localStorage.removeItem(draftKey(sectionId));
  } catch {
    // ignore
  }
}

export interface Conflict {
  version: number;
  savedBy: string | null;
  savedAt: string;
  content: string;
  mine: string;
}

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "refused"; message: string }
  | { kind: "conflict"; conflict: Conflict };

export function useAutosave(options: { sectionId: string; initialVersion: number; url: string }) {
  const { sectionId, url } = options;
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const version = useRef(options.initialVersion);
  const pending = useRef<string | null>(null);
  // A change newer than `pending`, not yet serialised.
  const unserialized = useRef<(() => string) | null>(null);
  const cancelDraft = useRef<(() => void) | null>(null);
  /** The newest unsaved content, serialised now if it was not yet. */
  const takePending = useCallback((): string | null => {
    if (unserialized.current) {
      pending.current = unserialized.current();
      unserialized.current = null;
    }
    return pending.current;
  }, []);
  const keepDraft = useCallback(() => {
    cancelDraft.current?.();
    cancelDraft.current = null;
    const json = takePending();
    if (json !== null)
      writeDraft(sectionId, { json, baseVersion: version.current, at: new Date().toISOString() });
  }, [sectionId, takePending]);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const blocked = useRef(false); // conflict or refusal: wait for the user

  const flush = useCallback(
    async (keepalive = false) => {
      clearTimeout(timer.current);
      timer.current = undefined;
      if (inFlight.current || blocked.current) return;
      const json = takePending();
      if (json === null) return;
      inFlight.current = true;
      setStatus({ kind: "saving" });
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          // The content as JSON in the body, not as a string inside it: a string
          // would be escaped here and parsed twice on the server.
          body: `{"content":${json},"baseVersion":${version.current}}`,
          keepalive: keepalive && json.length < 60_000,
        });
        const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        if (response.ok) {
          version.current = Number(body.version);
          if (pending.current === json && unserialized.current === null) {
            pending.current = null;
            clearDraft(sectionId);
            setStatus({ kind: "saved", at: String(body.savedAt ?? new Date().toISOString()) });
          } else {
            keepDraft(); // typed during the request: kept against the new version
            setStatus({ kind: "dirty" });
          }
        } else if (response.status === 409) {
          blocked.current = true;
          setStatus({
            kind: "conflict",
            conflict: {
              version: Number(body.version),
              savedBy: (body.savedBy as string | null) ?? null,
              savedAt: String(body.savedAt ?? ""),
              content: String(body.content ?? ""),
              mine: json,
            },
          });
        } else if (response.status >= 400 && response.status < 500) {
          blocked.current = true;
          const error = body.error as { message?: string } | undefined;
          setStatus({
            kind: "refused",
            message: error?.message ?? "保存被拒绝，请刷新页面后重试。",
          });
        } else {
          throw new Error(`HTTP ${response.status}`);
        }
      } catch {
        setStatus({ kind: "offline" });
        timer.current = setTimeout(() => {
          timer.current = undefined;
          void flush();
        }, RETRY_MS);
      } finally {
        inFlight.current = false;
      }
      // Typing during the request: save that too.
      const more = pending.current !== null || unserialized.current !== null;
      if (more && !blocked.current && !timer.current) {
        timer.current = setTimeout(() => {
          timer.current = undefined;
          void flush();
        }, AUTOSAVE_DELAY_MS);
      }
    },
    [sectionId, url, takePending, keepDraft],
  );

  const change = useCallback(
    (serialize: () => string) => {
      unserialized.current = serialize;
      cancelDraft.current ??= whenIdle(keepDraft, DRAFT_LATENCY_MS);
      if (blocked.current) return;
      // One render when typing starts, not one per keystroke.
      setStatus((previous) => (previous.kind === "dirty" ? previous : { kind: "dirty" }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void flush();
      }, AUTOSAVE_DELAY_MS);
    },
    [flush, keepDraft],
  );

  /** After a conflict: start again from the server's version (theirs), or put mine on top. */
  const resolve = useCallback(
    (choice: "theirs" | "mine", conflict: Conflict) => {
      version.current = conflict.version;
      blocked.current = false;
      if (choice === "theirs") {
        pending.current = null;
        clearDraft(sectionId);
        setStatus({ kind: "saved", at: conflict.savedAt });
      } else {
        // Whatever was typed while the conflict was shown is newer than conflict.mine.
        if (takePending() === null) pending.current = conflict.mine;
        void flush();
      }
    },
    [flush, sectionId, takePending],
  );

  /**
   * Before a local draft is loaded back into the editor: its save must be
   * checked against the version it was written on, so that a colleague's
   * save in between opens the conflict view instead of being overwritten.
   */
  const restoreFrom = useCallback((draft: LocalDraft) => {
    version.current = draft.baseVersion;
  }, []);

  useEffect(() => {
    const saveNow = () => void flush(true);
    const leaving = () => {
      keepDraft(); // the request may not arrive: keep the copy first
      saveNow();
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") leaving();
    };
    window.addEventListener("online", saveNow);
    window.addEventListener("pagehide", leaving);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("online", saveNow);
      window.removeEventListener("pagehide", leaving);
      document.removeEventListener("visibilitychange", onVisibility);
      keepDraft(); // leaving the page inside the app: the idle write may never come
    };
  }, [flush, keepDraft]);

  /**
   * Resolves with the saved version once nothing typed is left unsaved (before
   * a submit); rejects when a conflict waits for the user or the network stays down.
   */
  const settle = useCallback(async (): Promise<number> => {
    const giveUpAt = Date.now() + SETTLE_LIMIT_MS;
    for (;;) {
      if (blocked.current)
        throw new Error("内容保存遇到冲突或被拒绝，请先处理页面上的提示再提交。");
      if (pending.current === null && unserialized.current === null && !inFlight.current)
        return version.current;
      if (Date.now() > giveUpAt)
        throw new Error("内容还没保存到服务器（网络不通？），请稍后再提交。");
      if (!inFlight.current) await flush();
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }, [flush]);

  return { status, change, flush, resolve, restoreFrom, settle, version };
}
