import { type AppLoadContext, data } from "@remix-run/node";

// Thrown from loaders and actions; the nearest ErrorBoundary shows a Chinese page.

export function forbidden(message = "您没有权限执行此操作。"): never {
  throw data({ message }, { status: 403 });
}

export function notFound(message = "您要找的页面或记录不存在，或不属于您所在的镇。"): never {
  throw data({ message }, { status: 404 });
}

export function badRequest(message: string): never {
  throw data({ message }, { status: 400 });
}

/**
 * The client's address as the server determined it: the socket's, or — only
 * when TRUST_PROXY says a reverse proxy stands in front — its X-Forwarded-For.
 * A header anyone can send is never believed on its own.
 */
export function clientIp(context: AppLoadContext): string | null {
  return context.clientIp ?? null;
}

/** A model's refusal (403, 404, 409 or 422) as the page's answer, with its Chinese reason. */
export function refuse(status: number, message: string): never {
  throw data({ message }, { status });
}

/**
 * A resource route's refusal (a download, not a page): a small Chinese page
 * with the right status. Remix's `data()` is for page loaders and actions.
 */
export function resourceRefusal(status: number, message: string): Response {
  const escaped = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return new Response(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${status} · 年度工作计划编审系统</title></head>` +
      `<body><main><h1>无法下载</h1><p>${escaped}</p><p><a href="/">返回工作台</a></p></main></body></html>`,
    {
      status,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    },
  );
}
