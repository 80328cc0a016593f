import { data } from "@remix-run/node";

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

/** The client address, as the reverse proxy or the socket reports it. */
export function clientIp(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

/** A model's refusal (403, 404, 409 or 422) as the page's answer, with its Chinese reason. */
export function refuse(status: number, message: string): never {
  throw data({ message }, { status });
}
