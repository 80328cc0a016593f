// The JSON API's plumbing: who is asking (bearer token, or the session for
// token management), reading bodies, and errors that are always JSON:
// { "error": { "code": "...", "message": "中文说明" } }.
import { createHash } from "node:crypto";

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";

import { userByToken } from "~/models/api-token.server";
import { countRequest } from "~/models/rate-limit.server";
import { MAX_NESTING, scanJson } from "~/utils/json-scan";
import { CONTROL_CHARACTERS } from "~/utils/validation";
import type { SessionUser } from "~/models/user.server";
import { getOptionalUser } from "~/utils/auth.server";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorResponse(error: ApiError): Response {
  return Response.json(
    { error: { code: error.code, message: error.message }, ...error.extra },
    { status: error.status, headers: { "Cache-Control": "no-store", ...error.headers } },
  );
}

export const fail = {
  badRequest: (message = "请求体不是有效的 JSON。") => new ApiError(400, "bad_request", message),
  unauthenticated: () =>
    new ApiError(
      401,
      "unauthenticated",
      "缺少或无效的访问令牌，请在请求头中提供 Authorization: Bearer <令牌>。",
      {},
      {
        "WWW-Authenticate": 'Bearer realm="annual-plan"',
      },
    ),
  forbidden: (message = "您没有权限执行此操作。") => new ApiError(403, "forbidden", message),
  notFound: (message = "资源不存在。") => new ApiError(404, "not_found", message),
  noPlan: () => new ApiError(404, "not_found", "该年度计划不存在。"),
  noSection: () => new ApiError(404, "not_found", "该章节不存在。"),
  methodNotAllowed: (allowed = "") =>
    new ApiError(
      405,
      "method_not_allowed",
      `不支持这种请求方法${allowed ? `（此地址支持 ${allowed}）` : ""}。`,
      {},
      allowed ? { Allow: allowed } : {},
    ),
  conflict: (message: string, extra: Record<string, unknown> = {}) =>
    new ApiError(409, "conflict", message, extra),
  tooLarge: (message = "请求体太大。") => new ApiError(413, "too_large", message),
  unsupported: (message: string) => new ApiError(415, "unsupported_media_type", message),
  invalid: (message: string) => new ApiError(422, "invalid", message),
};

/** Maps a model's refusal status to the API's error. */
export function refusal(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): ApiError {
  const code = {
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "too_large",
    422: "invalid",
  }[status];
  return new ApiError(status, code ?? "error", message, extra);
}

/** Requests a token may make a minute, counted across every server process. */
const RATE_LIMIT = Number(process.env.API_RATE_LIMIT ?? 600);

async function throttle(token: string) {
  const key = `api:${createHash("sha256").update(token).digest("hex").slice(0, 32)}`;
  const verdict = await countRequest(key, { limit: RATE_LIMIT, windowMs: 60_000 });
  if (verdict.allowed) return;
  throw new ApiError(
    429,
    "too_many_requests",
    `请求过于频繁，请 ${verdict.retryAfterSeconds} 秒后再试。`,
    {},
    { "Retry-After": String(verdict.retryAfterSeconds) },
  );
}

/**
 * The caller: `Authorization: Bearer <token>` acts exactly as the token's
 * user. `allowSession` lets the signed-in browser manage its own tokens.
 */
export async function apiUser(
  request: Request,
  { allowSession = false } = {},
): Promise<SessionUser> {
  const header = request.headers.get("Authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const user = match ? await userByToken(match[1]!) : null;
    if (!user) throw fail.unauthenticated();
    await throttle(match![1]!);
    return user;
  }
  if (allowSession) {
    const user = await getOptionalUser(request);
    if (user) return user;
  }
  throw fail.unauthenticated();
}

/** Content saves may carry up to 2 MB of editor JSON; a little room for the envelope. */
const MAX_BODY_BYTES = 2 * 1024 * 1024 + 64 * 1024;

export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes) throw fail.tooLarge("内容超过 2 MB，请拆分章节后再保存。");
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw fail.tooLarge("内容超过 2 MB，请拆分章节后再保存。");
  // Read once before parsing: nesting that would overflow a stack, NUL and other control characters.
  const problem = scanJson(text);
  if (problem === "too deep") throw fail.badRequest(`JSON 的层级过深（超过 ${MAX_NESTING} 层）。`);
  if (problem === "control character") {
    throw fail.invalid("内容中含有无法识别的控制字符（如空字符），请删除后重试。");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail.badRequest();
  }
}

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `（${issue.path.join(".")}）` : "";
    throw fail.invalid(`${issue?.message ?? "请求内容有误"}${where}`);
  }
  return result.data;
}

/** The status and message of an answer thrown with Remix's `data()`, if `error` is one. */
function thrownAnswer(error: unknown): { status: number; message: string } | null {
  if (!error || typeof error !== "object" || !("type" in error)) return null;
  const thrown = error as {
    type: unknown;
    data?: { message?: unknown };
    init?: { status?: number };
  };
  if (thrown.type !== "DataWithResponseInit" || typeof thrown.data?.message !== "string") {
    return null;
  }
  return { status: thrown.init?.status ?? 500, message: thrown.data.message };
}

type Args = LoaderFunctionArgs | ActionFunctionArgs;
type Handler = (args: Args) => Promise<Response | object>;

/**
 * Wraps an endpoint: plain objects become JSON, ApiErrors their JSON answer,
 * anything unexpected a 500 without details (logged on the server).
 */
type Method = "GET" | "POST" | "PUT" | "DELETE";

export function endpoint(handlers: Partial<Record<Method, Handler>>) {
  const allowed = Object.keys(handlers).join(", ");
  return async (args: Args): Promise<Response> => {
    try {
      const method = args.request.method;
      // NUL and the like in an id or a query value would reach the database (PostgreSQL refuses them).
      const query = new URL(args.request.url).searchParams.values();
      for (const value of [...Object.values(args.params), ...query]) {
        if (value && CONTROL_CHARACTERS.test(value)) {
          throw fail.badRequest("网址中含有无法识别的字符，请检查链接是否完整。");
        }
      }
      // OPTIONS says what the address takes (no cross-origin use is offered).
      if (method === "OPTIONS") {
        return Response.json(
          { methods: Object.keys(handlers) },
          { headers: { Allow: allowed, "Cache-Control": "no-store" } },
        );
      }
      // HEAD is GET without the body (the server leaves the body out).
      const handler = handlers[(method === "HEAD" ? "GET" : method) as Method];
      if (!handler) throw fail.methodNotAllowed(allowed);
      const result = await handler(args);
      if (result instanceof Response) return result;
      return Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      // A refusal shared with the pages (assertCan) arrives as Remix's data({ message }, status).
      const shared = thrownAnswer(error);
      if (shared) return errorResponse(refusal(shared.status, shared.message));
      console.error(error);
      return errorResponse(new ApiError(500, "internal", "服务器内部错误，请稍后再试。"));
    }
  };
}

/** The route's loader and action from one set of handlers. */
export function routes(handlers: Parameters<typeof endpoint>[0]) {
  const handle = endpoint(handlers);
  return {
    loader: (args: LoaderFunctionArgs) => handle(args),
    action: (args: ActionFunctionArgs) => handle(args),
  };
}
