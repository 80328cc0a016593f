import { type MouseEvent, useRef, useState } from "react";

/** The file name from `filename*=UTF-8''…` (the Chinese one), else `filename="…"`. */
function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]!);
    } catch {
      // fall back to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}

/** The Chinese reason of a refused download (the small page resourceRefusal answers). */
async function reasonOf(response: Response): Promise<string> {
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const reason = page.querySelector("main p")?.textContent?.trim();
  return reason || `PDF 未能生成（${response.status}），请稍后重试，或下载 Word 文件。`;
}

/**
 * 导出 PDF: LibreOffice prints the plan on the server, which takes a few
 * seconds. With JavaScript the file is fetched while the button says so, and a
 * second click meanwhile does nothing; without it, the link downloads as it is.
 */
export function PdfExportLink({ planId }: { planId: string }) {
  const href = `/plans/${planId}/export.pdf`;
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError("");
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok) {
        setError(await reasonOf(response));
        return;
      }
      const name = filenameOf(response.headers.get("Content-Disposition")) ?? "年度计划.pdf";
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setError("网络连接中断，PDF 未能下载，请重试。");
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  return (
    <>
      <a
        className="button"
        href={href}
        download
        onClick={download}
        aria-disabled={busy || undefined}
        aria-busy={busy || undefined}
      >
        {busy ? "正在生成 PDF…" : "导出 PDF"}
      </a>
      <span className="field-error" role="status" data-testid="pdf-export-status">
        {error}
      </span>
    </>
  );
}
