import type { EditorThemeClasses } from "lexical";

// Class names the editor gives its elements; styled in styles/editor.css.
export const editorTheme: EditorThemeClasses = {
  paragraph: "ed-p",
  heading: { h1: "ed-h1", h2: "ed-h2", h3: "ed-h3" },
  quote: "ed-quote",
  list: { ul: "ed-ul", ol: "ed-ol", listitem: "ed-li", nested: { listitem: "ed-li-nested" } },
  table: "ed-table",
  tableCaption: "ed-table-caption",
  tableCell: "ed-td",
  tableCellHeader: "ed-th",
  text: { bold: "ed-bold", italic: "ed-italic", underline: "ed-underline" },
  mark: "comment-mark",
  markOverlap: "comment-mark overlap",
};
