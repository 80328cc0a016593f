import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from "@lexical/list";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $createHeadingNode } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { INSERT_TABLE_COMMAND } from "@lexical/table";
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from "lexical";

type Block = "paragraph" | "h1" | "h2" | "h3";

const BLOCKS: { value: Block; label: string }[] = [
  { value: "paragraph", label: "正文" },
  { value: "h1", label: "一级标题 一、" },
  { value: "h2", label: "二级标题 （一）" },
  { value: "h3", label: "三级标题 1." },
];

const FORMATS: { format: TextFormatType; label: string; title: string }[] = [
  { format: "bold", label: "B", title: "加粗（Ctrl+B）" },
  { format: "italic", label: "I", title: "倾斜（Ctrl+I）" },
  { format: "underline", label: "U", title: "下划线（Ctrl+U）" },
];

/** Undo/redo, block type (numbered heading levels), text formats, lists and tables. */
export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();

  const setBlock = (block: Block) =>
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      $setBlocksType(selection, () =>
        block === "paragraph" ? $createParagraphNode() : $createHeadingNode(block),
      );
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
        defaultValue=""
        onChange={(event) => {
          if (event.target.value) setBlock(event.target.value as Block);
          event.target.value = "";
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
      <span className="toolbar-divider" />
      {FORMATS.map(({ format, label, title }) => (
        <button
          key={format}
          type="button"
          title={title}
          aria-label={title}
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
