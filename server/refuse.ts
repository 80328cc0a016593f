import type { Request, Response } from "express";

/** Paths answered in JSON: the API, the editor's autosave and presence, Remix data requests. */
export function wantsJson(req: Request): boolean {
  return (
    req.path.startsWith("/api/") ||
    /^\/sections\/[^/]+\/(content|presence)$/.test(req.path) ||
    req.path.endsWith(".data") ||
    (req.accepts(["html", "json"]) === "json" && !req.accepts("html"))
  );
}

const CODES: Record<number, string> = {
  400: "bad_request",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "too_large",
  415: "unsupported_media_type",
  422: "invalid",
  429: "too_many_requests",
  500: "internal",
  503: "unavailable",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A refusal before the request reaches the app: JSON `{ error: { code, message } }`
 * where JSON is spoken, else a small Chinese page. Never English framework text.
 */
export function refuse(
  req: Request,
  res: Response,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.status(status);
  res.set({ "Cache-Control": "no-store", ...headers });
  // The body was not (fully) read: the connection cannot be reused for another request.
  if (!req.complete) res.set("Connection", "close");
  if (wantsJson(req)) {
    res.json({ error: { code: CODES[status] ?? "error", message } });
    return;
  }
  res
    .type("html")
    .send(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${status} · 年度工作计划编审系统</title></head>` +
        `<body><main><h1>无法处理此请求</h1><p>${escapeHtml(message)}</p><p><a href="/">返回工作台</a></p></main></body></html>`,
    );
}
