// A town's Word file as paragraphs with what Word says about them: the heading
// level of a heading style, a line that is bold throughout, tables. Read with
// mammoth's document model (its HTML output is not needed).

import mammoth from "mammoth";

import type { SourceParagraph } from "./clean-text";
import { MAX_IMPORT_BYTES } from "./decode";

// mammoth's document model, as far as we read it.
interface Element {
  type: string;
  children?: Element[];
  value?: string;
  styleName?: string | null;
  isBold?: boolean;
}

const HEADING_STYLE = /^(?:heading|标题)\s*([1-9])$/i;

function textOf(element: Element): string {
  if (element.type === "text") return element.value ?? "";
  if (element.type === "tab") return " ";
  if (element.type === "break") return "\n";
  return (element.children ?? []).map(textOf).join("");
}

/** Whether every run with text in the paragraph is bold. */
function allBold(element: Element): boolean {
  const runs: Element[] = [];
  const visit = (node: Element) => {
    if (node.type === "run") runs.push(node);
    else node.children?.forEach(visit);
  };
  visit(element);
  const withText = runs.filter((run) => textOf(run).trim());
  return withText.length > 0 && withText.every((run) => run.isBold);
}

function paragraphsOf(root: Element): SourceParagraph[] {
  const out: SourceParagraph[] = [];
  const visit = (node: Element) => {
    if (node.type === "paragraph") {
      const text = textOf(node);
      if (!text.trim()) return;
      const level = HEADING_STYLE.exec(node.styleName?.trim() ?? "")?.[1];
      // A line break inside a paragraph is kept as a line of its own.
      for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        out.push({
          text: line,
          ...(level ? { heading: Number(level) } : {}),
          ...(allBold(node) ? { bold: true } : {}),
        });
      }
    } else if (node.type === "table") {
      const rows = (node.children ?? []).map((row) =>
        (row.children ?? []).map((cell) => textOf(cell).replace(/\s+/g, " ").trim()),
      );
      if (rows.some((row) => row.some(Boolean))) out.push({ text: "", table: rows });
    } else {
      node.children?.forEach(visit);
    }
  };
  visit(root);
  return out;
}

export type DocxRead = { ok: true; paragraphs: SourceParagraph[] } | { ok: false; message: string };

/** The paragraphs of a .docx file; a Chinese refusal when it is not one, or holds no text. */
export async function readDocx(bytes: Uint8Array): Promise<DocxRead> {
  if (bytes.length === 0) return { ok: false, message: "文件是空的，请选择含有计划正文的文件。" };
  if (bytes.length > MAX_IMPORT_BYTES) {
    return { ok: false, message: "文件超过 10 MB，请只导入计划正文。" };
  }
  // A .docx is a zip: "PK". An old .doc (OLE) or anything else is refused before reading.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return {
      ok: false,
      message: "这不是 .docx 文件。旧版 .doc 文件请先用 Word 或 WPS 另存为 .docx 再导入。",
    };
  }
  let root: Element | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        transformDocument: (document: Element) => {
          root = document;
          return document;
        },
      },
    );
  } catch {
    return {
      ok: false,
      message: "无法读取这个 Word 文件，它可能已损坏。请用 Word 或 WPS 打开后另存再试。",
    };
  }
  const paragraphs = root ? paragraphsOf(root) : [];
  if (paragraphs.length === 0) return { ok: false, message: "这个 Word 文件中没有文字。" };
  return { ok: true, paragraphs };
}
