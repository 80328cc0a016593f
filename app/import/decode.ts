// A .txt file's bytes as text: UTF-8 (with or without BOM, as editors save it)
// or GB18030, the superset of GBK/GB2312 that Chinese Windows saves by default.

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

/** Files larger than this are refused before reading. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, message: "文件是空的，请选择含有计划正文的文件。" };
  if (bytes.length > MAX_IMPORT_BYTES) {
    return { ok: false, message: "文件超过 10 MB，请只导入计划正文。" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  }
  let text: string;
  try {
    // Strict: any byte sequence that is not UTF-8 means another encoding.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = new TextDecoder("gb18030").decode(bytes);
  }
  if (text.includes("\u0000")) {
    return { ok: false, message: "这不是文本文件，请导入 .docx 或 .txt 文件，或直接粘贴正文。" };
  }
  if (!text.trim()) return { ok: false, message: "文件中没有文字。" };
  return { ok: true, text };
}
