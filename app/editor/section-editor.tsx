import { MarkNode } from "@lexical/mark";
import { LexicalComposer } from "@lexical/react/LexicalComposer";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HistoryPlugin } from "@lexical/react/LexicalHistoryPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { OnChangePlugin } from "@lexical/react/LexicalOnChangePlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { TablePlugin } from "@lexical/react/LexicalTablePlugin";
import { $getRoot, type EditorState, type SerializedEditorState } from "lexical";
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type MutableRefObject,
} from "react";

import { DEFAULT_LIST_STYLE, type ListStyle } from "~/export/lists";
import { formatTime } from "~/utils/format";
import { useHydrated } from "~/utils/use-hydrated";

import { blocksOf } from "./blocks";
import { COMMENT_MARK_TAG } from "./marks";
import { PAGE_HEADINGS } from "./page-heading-node";
import { countCharacters, countPlaceholders, EDITOR_NODES } from "./nodes";
import { CommentMarksPlugin, type MarkedThread } from "./plugins/comment-marks-plugin";
import { ListMarkersPlugin } from "./plugins/list-markers-plugin";
import { PlaceholderPlugin } from "./plugins/placeholder-plugin";
import { HeadingNumbersPlugin } from "./plugins/heading-numbers-plugin";
import { PlainStylePlugin } from "./plugins/plain-style-plugin";
import { TableNumbersPlugin } from "./plugins/table-numbers-plugin";
import { PresenceBar } from "./plugins/presence";
import { ReadOnlyCaretPlugin } from "./plugins/read-only-caret-plugin";
import { storedContent } from "./stored-content";
import { ToolbarPlugin } from "./plugins/toolbar-plugin";
import { editorTheme } from "./theme";
import {
  clearDraft,
  readDraft,
  useAutosave,
  type LocalDraft,
  type SaveStatus,
} from "./use-autosave";

/** Loaded only when someone else saved first. */
const ConflictView = lazy(() => import("./conflict-view"));

export interface SectionEditorProps {
  sectionId: string;
  saveUrl: string;
  presenceUrl: string;
  /** The stored content, parsed (a page's data carries it as an object, escaped once). */
  content: SerializedEditorState;
  version: number;
  editable: boolean;
  /** Level-1 headings of this section are numbered from this one on (一、 = 1). */
  firstHeadingNumber: number;
  /** This section's first table caption is 表N (captions are numbered through the plan). */
  firstTableNumber?: number;
  /** Filled with the editor's save session, for a submit that must wait for saves. */
  sessionRef?: MutableRefObject<EditorSession | null>;
  /** Open comment threads whose quoted words are highlighted. */
  commentThreads?: MarkedThread[];
  onCommentMarkClick?: (threadId: string) => void;
  /** Told the character and 【…】 counts as the text changes. */
  onContentFacts?: (facts: { characters: number; placeholders: number }) => void;
  /** Told the time of each save that reached the server. */
  onSaved?: (at: string) => void;
  /** How unnumbered list items print in this town (shown the same here). */
  listStyle?: ListStyle;
}

export type EditorSession = { settle: () => Promise<number> };

/** The section editor; on the server (and before hydration) a read-only text stands in. */
export function SectionEditor(props: SectionEditorProps) {
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <div className="editor-shell">
        <div className="editor-root editor-fallback" aria-busy="true">
          {firstScreen(blocksOf(props.content)).map((line, index) => (
            <p key={index}>{line}</p>
          ))}
        </div>
      </div>
    );
  }
  return (
    <LexicalComposer
      initialConfig={{
        namespace: `section-${props.sectionId}`,
        // MarkNode only highlights commented words; saves unwrap it (marks.ts).
        // Headings render one level below the page's h1 (stored as plain headings).
        nodes: [...EDITOR_NODES, MarkNode, ...PAGE_HEADINGS],
        theme: editorTheme,
        // Readers get a caret too (to select words with the keyboard); ReadOnlyCaretPlugin
        // keeps the text from changing.
        editable: true,
        editorState: JSON.stringify(props.content),
        onError: (error) => console.error(error),
      }}
    >
      <EditorBody {...props} />
    </LexicalComposer>
  );
}

/** Characters shown before the editor starts: about two screens. */
const FALLBACK_CHARACTERS = 2000;

/**
 * The blocks that fill the first screens. The whole text comes with the
 * editor's data; sending it twice would make a long section's page half as
 * heavy again (docs/performance.md).
 */
function firstScreen(blocks: string[]): string[] {
  let characters = 0;
  const shown: string[] = [];
  for (const block of blocks) {
    if (characters >= FALLBACK_CHARACTERS) return [...shown, "……"];
    shown.push(block);
    characters += block.length;
  }
  return shown;
}

function textOf(state: EditorState): string {
  return state.read(() => $getRoot().getTextContent());
}

function EditorBody(props: SectionEditorProps) {
  const [editor] = useLexicalComposerContext();
  const autosave = useAutosave({
    sectionId: props.sectionId,
    initialVersion: props.version,
    url: props.saveUrl,
  });
  useEffect(() => {
    if (!props.sessionRef) return;
    props.sessionRef.current = { settle: autosave.settle };
    return () => {
      if (props.sessionRef) props.sessionRef.current = null;
    };
  }, [props.sessionRef, autosave.settle]);
  const { onSaved } = props;
  const savedAt = autosave.status.kind === "saved" ? autosave.status.at : null;
  useEffect(() => {
    if (savedAt) onSaved?.(savedAt);
  }, [savedAt, onSaved]);
  const [characters, setCharacters] = useState(() =>
    countCharacters(textOf(editor.getEditorState())),
  );
  const [offeredDraft, setOfferedDraft] = useState<LocalDraft | null>(null);
  const countLater = useIdleCounter(setCharacters, props.onContentFacts);

  // Text kept in this browser but never saved (crash, reload while offline): offer it back.
  useEffect(() => {
    if (!props.editable) return;
    const draft = readDraft(props.sectionId);
    if (draft && draft.json !== JSON.stringify(props.content)) setOfferedDraft(draft);
    else if (draft) clearDraft(props.sectionId);
  }, [props.editable, props.sectionId, props.content]);

  const load = (json: string) => editor.setEditorState(editor.parseEditorState(json));

  const style = { counterReset: `h1 ${props.firstHeadingNumber - 1}` } as CSSProperties;
  return (
    <div className="editor-shell">
      <PresenceBar url={props.presenceUrl} />
      {props.editable && (
        <div className="editor-bar">
          <ToolbarPlugin />
          <SaveIndicator status={autosave.status} />
        </div>
      )}
      {offeredDraft && (
        <div className="alert warning draft-offer" role="alert">
          <span>
            发现本机保存的未提交内容（{formatTime(new Date(offeredDraft.at))}），是否恢复？
          </span>
          <button
            type="button"
            className="button small primary"
            onClick={() => {
              setOfferedDraft(null);
              autosave.restoreFrom(offeredDraft);
              load(offeredDraft.json);
            }}
          >
            恢复这些内容
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => {
              clearDraft(props.sectionId);
              setOfferedDraft(null);
            }}
          >
            丢弃
          </button>
        </div>
      )}
      {autosave.status.kind === "conflict" && (
        <Suspense fallback={null}>
          <ConflictView
            conflict={autosave.status.conflict}
            onTheirs={(conflict) => {
              autosave.resolve("theirs", conflict);
              load(conflict.content);
            }}
            onMine={(conflict) => autosave.resolve("mine", conflict)}
          />
        </Suspense>
      )}
      <div className="editor-frame" style={style}>
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="editor-root"
              aria-label="章节正文"
              onBlur={() => void autosave.flush()}
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <div className="editor-footer">
        <span data-testid="character-count">字数：{characters}</span>
        <PlaceholderPlugin />
      </div>
      <HistoryPlugin />
      <CommentMarksPlugin
        threads={props.commentThreads ?? []}
        onMarkClick={props.onCommentMarkClick}
      />
      {props.editable ? (
        <>
          <PlainStylePlugin />
          <HeadingNumbersPlugin />
        </>
      ) : (
        <ReadOnlyCaretPlugin />
      )}
      <ListPlugin />
      <ListMarkersPlugin listStyle={props.listStyle ?? DEFAULT_LIST_STYLE} />
      <TableNumbersPlugin first={props.firstTableNumber ?? 1} />
      <TablePlugin />
      {props.editable && (
        <OnChangePlugin
          ignoreSelectionChange
          onChange={(state, _editor, tags) => {
            if (tags.has(COMMENT_MARK_TAG)) return;
            // Serialised when saved or kept as a draft, not on every keystroke.
            autosave.change(() => JSON.stringify(storedContent(state.toJSON())));
            countLater(state);
          }}
        />
      )}
    </div>
  );
}

/**
 * The character count and the facts the page's buttons depend on, counted at
 * most every 150 ms while typing rather than on every keystroke; the page hears
 * only when the facts change.
 */
function useIdleCounter(
  setCharacters: (characters: number) => void,
  onContentFacts: SectionEditorProps["onContentFacts"],
) {
  const latest = useRef<EditorState | null>(null);
  const scheduled = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const told = useRef("");
  useEffect(() => () => clearTimeout(scheduled.current), []);
  return useCallback(
    (state: EditorState) => {
      latest.current = state;
      if (scheduled.current !== undefined) return;
      scheduled.current = setTimeout(() => {
        scheduled.current = undefined;
        const text = textOf(latest.current!);
        const facts = { characters: countCharacters(text), placeholders: countPlaceholders(text) };
        setCharacters(facts.characters);
        // The buttons depend on "empty or not" and the placeholders only.
        const key = `${facts.characters > 0}:${facts.placeholders}`;
        if (key !== told.current) {
          told.current = key;
          onContentFacts?.(facts);
        }
      }, 150);
    },
    [setCharacters, onContentFacts],
  );
}

function SaveIndicator({ status }: { status: SaveStatus }) {
  const [text, tone] = ((): [string, string] => {
    switch (status.kind) {
      case "idle":
        return ["所有修改都会自动保存", "muted"];
      case "dirty":
        return ["有未保存的修改…", "muted"];
      case "saving":
        return ["保存中…", "muted"];
      case "saved":
        return [`已保存 ${formatTime(new Date(status.at))}`, "ok"];
      case "offline":
        return ["未保存：网络中断，将自动重试（内容已暂存在本机）", "warn"];
      case "refused":
        return [`未保存：${status.message}`, "danger"];
      case "conflict":
        return ["未保存：他人已保存了新版本，请在下方处理", "danger"];
    }
  })();
  return (
    <span className={`save-status ${tone}`} role="status" data-testid="save-status">
      {text}
    </span>
  );
}
