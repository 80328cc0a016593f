import { contentDisposition, type ExportFile } from "~/models/export.server";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** An exported file as a download, with its Chinese name and its hash. */
function fileResponse(file: ExportFile, contentType: string): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": contentDisposition(file.filename),
      "Content-Length": String(file.bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-SHA256": file.sha256,
    },
  });
}

/** The Word file as a download. */
export function docxResponse(file: ExportFile): Response {
  return fileResponse(file, DOCX);
}

/** A spreadsheet (the targets' progress) as a download. */
export function xlsxResponse(file: ExportFile): Response {
  return fileResponse(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

/** The PDF (the published plan as LibreOffice prints it) as a download. */
export function pdfResponse(file: ExportFile): Response {
  return fileResponse(file, "application/pdf");
}

/** A plan id from the address, as ids are made (UUIDs, seed ids): anything else is no plan. */
export function planIdParam(value: string | undefined): string | null {
  return value && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : null;
}
