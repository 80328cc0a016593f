import { contentDisposition, type ExportFile } from "~/models/export.server";

/** The Word file as a download, with its Chinese name and its hash. */
export function docxResponse(file: ExportFile): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": contentDisposition(file.filename),
      "Content-Length": String(file.bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-SHA256": file.sha256,
    },
  });
}
