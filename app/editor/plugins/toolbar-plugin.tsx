import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from "@lexical/list";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $createHeadingNode, $isHeadingNode } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { INSERT_TABLE_COMMAND } from "@lexical/table";
import { $findMatchingParent } from "@lexical/utils";
import {
  $createParagraphNode,
  $getSelection,
  $isElementNode,
  $isParagraphNode,
  $isRangeSelection,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type ElementNode,
  type TextFormatType,
} from "lexical";
import { useEffect, useState } from "react";

import { $looksLikeHeading, levelOfTypedNumber } from "../heading-numbers";
import { $createTableCaptionNode, $isTableCaptionNode } from "../table-caption-node";

type Block = "paragraph" | "h1" | "h2" | "h3" | "caption";
type HeadingBlock = "h1" | "h2" | "h3";

const BLOCKS: { value: Block; label: string }[] = [
  { value: "paragraph", label: "正文" },
  { value: "h1", label: "一级标题 一、" },
  { value: "h2", label: "二级标题 （一）" },
  { value: "h3", label: "三级标题 1." },
  { value: "caption", label: "表题 表N（置于表格上方）" },
];

const FORMATS: { format: TextFormatType; label: string; key: string }[] = [
  { format: "bold", label: "加粗", key: "B" },
  { format: "italic", label: "倾斜", key: "I" },
  { format: "underline", label: "下划线", key: "U" },
];

/** The block the caret is in: a paragraph, a heading, or something else (list item, cell). */
function $currentBlock(): ElementNode | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const node = selection.anchor.getNode();
  return $findMatchingParent(node, (n) => $isElementNode(n) && !n.isInline()) as ElementNode | null;
}

type Current = { block: Block | ""; headingSuggestion: HeadingBlock | null };

/** Undo/redo, block type (numbered heading levels), text formats, lists and tables. */
export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const [current, setCurrent] = useState<Current>({ block: "", headingSuggestion: null });

  // The style dropdown shows the block the caret is in; a short bold paragraph
  // (a heading pasted from Word as bold text) is offered as a heading.
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        const next = editorState.read((): Current => {
          const block = $currentBlock();
          if ($isHeadingNode(block)) {
            const tag = block.getTag();
            return {
              block: tag === "h1" || tag === "h2" || tag === "h3" ? tag : "",
              headingSuggestion: null,
            };
          }
          if ($isTableCaptionNode(block)) return { block: "caption", headingSuggestion: null };
          if ($isParagraphNode(block)) {
            return {
              block: "paragraph",
              headingSuggestion: $looksLikeHeading(block)
                ? (levelOfTypedNumber(block.getTextContent()) ?? "h2")
                : null,
            };
          }
          return { block: "", headingSuggestion: null };
        });
        setCurrent((previous) =>
          previous.block === next.block && previous.headingSuggestion === next.headingSuggestion
            ? previous
            : next,
        );
      }),
    [editor],
  );

  const setBlock = (block: Block) =>
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      $setBlocksType(selection, () =>
        block === "paragraph"
          ? $createParagraphNode()
          : block === "caption"
            ? $createTableCaptionNode()
            : $createHeadingNode(block),
      );
    });

  /** Turns the bold line into a heading; the heading style replaces the bold. */
  const makeHeading = (level: HeadingBlock) =>
    editor.update(() => {
      const block = $currentBlock();
      if (!$isParagraphNode(block)) return;
      for (const text of block.getAllTextNodes())
        if (text.hasFormat("bold")) text.toggleFormat("bold");
      const heading = $createHeadingNode(level);
      block.replace(heading, true);
      heading.selectEnd();
    });

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="编辑工具">
      <button
        type="button"
        onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}
        title="撤销（Ctrl+Z）"
      >
        撤销
      </button>
      <button
        type="button"
        onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}
        title="重做（Ctrl+Y）"
      >
        重做
      </button>
      <span className="toolbar-divider" />
      <select
        aria-label="段落样式"
        value={current.block}
        onChange={(event) => {
          if (event.target.value) setBlock(event.target.value as Block);
        }}
      >
        <option value="" disabled>
          段落样式…
        </option>
        {BLOCKS.map((block) => (
          <option key={block.value} value={block.value}>
            {block.label}
          </option>
        ))}
      </select>
      {current.headingSuggestion && (
        <button
          type="button"
          className="heading-suggestion"
          onClick={() => makeHeading(current.headingSuggestion!)}
          title="这一行是加粗的短句，可能是从 Word 粘贴来的标题"
        >
          设为{BLOCKS.find((b) => b.value === current.headingSuggestion)?.label}
        </button>
      )}
      <span className="toolbar-divider" />
      {FORMATS.map(({ format, label, key }) => (
        <button
          key={format}
          type="button"
          title={`${label}（Ctrl+${key}）`}
          aria-keyshortcuts={`Control+${key}`}
          className={`format-${format}`}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
        >
          {label}
        </button>
      ))}
      <span className="toolbar-divider" />
      <button
        type="button"
        onClick={() => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)}
      >
        项目列表
      </button>
      <button
        type="button"
        onClick={() => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)}
      >
        编号列表
      </button>
      <button
        type="button"
        onClick={() =>
          editor.dispatchCommand(INSERT_TABLE_COMMAND, {
            rows: "3",
            columns: "3",
            includeHeaders: true,
          })
        }
      >
        插入表格
      </button>
    </div>
  );
}
