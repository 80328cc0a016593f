// An imported section as editor content, built with Lexical's own nodes in a
// headless editor (no Markdown: a "*" or "1." in the text stays as written).

import { createHeadlessEditor } from "@lexical/headless";
import { $createHeadingNode, type HeadingTagType } from "@lexical/rich-text";
import {
  $createTableCellNode,
  $createTableNode,
  $createTableRowNode,
  TableCellHeaderStates,
} from "@lexical/table";
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type SerializedEditorState,
} from "lexical";

import { EDITOR_NODES } from "~/editor/nodes";
import { $createTableCaptionNode } from "~/editor/table-caption-node";
import { isTypedTableCaption, stripTypedTableNumber } from "~/export/numbering";

import type { ImportedBlock } from "./plan-text";

const paragraph = (text: string) => $createParagraphNode().append($createTextNode(text));

export function blocksToContent(blocks: ImportedBlock[]): SerializedEditorState {
  const editor = createHeadlessEditor({
    namespace: "section",
    nodes: EDITOR_NODES,
    onError: (error) => {
      throw error;
    },
  });
  editor.update(
    () => {
      const root = $getRoot();
      blocks.forEach((block, i) => {
        if (block.type === "heading") {
          const tag = `h${Math.min(block.level, 3)}` as HeadingTagType;
          root.append($createHeadingNode(tag).append($createTextNode(block.text)));
        } else if (block.type === "table") {
          const table = $createTableNode();
          block.rows.forEach((row, r) => {
            const tableRow = $createTableRowNode();
            for (const text of row) {
              const state = r === 0 ? TableCellHeaderStates.ROW : TableCellHeaderStates.NO_STATUS;
              tableRow.append($createTableCellNode(state).append(paragraph(text)));
            }
            table.append(tableRow);
          });
          root.append(table);
        } else if (blocks[i + 1]?.type === "table" && isTypedTableCaption(block.text)) {
          // "表2 重点项目安排" typed over a table in Word: a caption, numbered by its place.
          const title = stripTypedTableNumber(block.text).trim();
          root.append($createTableCaptionNode().append($createTextNode(title)));
        } else {
          root.append(paragraph(block.text));
        }
      });
    },
    { discrete: true },
  );
  return editor.getEditorState().toJSON();
}
