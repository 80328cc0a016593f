import type { NextFunction, Request, RequestHandler, Response } from "express";
import getRawBody from "raw-body";

import { checkFormFields } from "./form-check";
import { scanJson } from "../app/utils/json-scan";
import {
  CONTROL_CHARACTERS,
  MAX_FORM_BYTES,
  MAX_JSON_BYTES,
  MAX_NESTING,
  MAX_UPLOAD_BYTES,
} from "./limits";
import { refuse } from "./refuse";

/** The body the guard read and checked, handed on to Remix. */
export type CheckedBody = Buffer | null;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Endpoints that take JSON: the API, the editor's autosave and its presence beacon. */
function takesJson(path: string): boolean {
  return (
    path.startsWith("/api/") ||
    /^\/sections\/[^/]+\/(content|presence)$/.test(path) ||
    path === "/bench/echo" // the benchmark's baseline (app/routes/bench.echo.ts)
  );
}

/** Endpoints that take a file (importing a Word file). */
function takesUpload(path: string): boolean {
  // A page posts to /plans/import.data (Remix single fetch) or, without scripts, /plans/import.
  return /^\/(api\/v1\/plans\/import|plans\/import(\.data)?)$/.test(path);
}

function mediaType(req: Request): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Where a write comes from: only this site may write with the person's
 * cookies. Browsers say so in Sec-Fetch-Site and Origin; a script that
 * sends neither (curl with a token) is not a browser riding on a session.
 */
export function crossSiteWrite(req: Request, publicOrigin: string | null): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const own = publicOrigin ?? `${req.protocol}://${req.get("host") ?? ""}`;
  return origin !== own;
}

function decodedPath(req: Request): string | null {
  try {
    return decodeURIComponent(req.path);
  } catch {
    return null;
  }
}

async function readBody(req: Request, limit: number): Promise<Buffer | "too large"> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > limit) return "too large";
  try {
    return await getRawBody(req, {
      limit,
      length: Number.isFinite(declared) ? declared : undefined,
    });
  } catch (error) {
    if ((error as { type?: string }).type === "entity.too.large") return "too large";
    throw error;
  }
}

async function formEntries(type: string, body: Buffer, contentType: string) {
  if (type === "application/x-www-form-urlencoded") {
    return [...new URLSearchParams(body.toString("utf8"))];
  }
  // Multipart, parsed by the platform's own parser (undici), as Remix will.
  const form = await new globalThis.Request("http://form.invalid/", {
    method: "POST",
    headers: { "Content-Type": contentType },
    body: new Uint8Array(body),
  }).formData();
  return [...form.entries()];
}

/**
 * Every request passes here before the app: addresses that cannot be read,
 * writes from other sites, wrong content types, bodies that are too large,
 * too many or too deeply nested fields and control characters are refused
 * with a Chinese 4xx, quickly, before any form or JSON library builds
 * anything. What passes is handed on as `res.locals.body`.
 */
export function requestGuard(options: { publicOrigin: string | null }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void guard(req, res, options).then(
      (passed) => (passed ? next() : undefined),
      (error: unknown) => next(error),
    );
  };
}

async function guard(
  req: Request,
  res: Response,
  options: { publicOrigin: string | null },
): Promise<boolean> {
  const path = decodedPath(req);
  if (path === null) {
    refuse(req, res, 400, "网址中含有无法识别的编码，请检查链接是否完整。");
    return false;
  }
  if (CONTROL_CHARACTERS.test(path) || CONTROL_CHARACTERS.test(safeDecode(req.url))) {
    refuse(req, res, 400, "网址中含有无法识别的控制字符，请检查链接是否完整。");
    return false;
  }
  res.locals.body = null satisfies CheckedBody;
  if (SAFE_METHODS.has(req.method)) return true;

  if (crossSiteWrite(req, options.publicOrigin)) {
    refuse(req, res, 403, "拒绝来自其他网站的提交：请在本系统的页面中操作。");
    return false;
  }

  const type = mediaType(req);
  const declared = Number(req.headers["content-length"] ?? 0);
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!type && declared === 0 && !chunked) return true; // no body (sign-out, a presence beacon)

  const upload = takesUpload(req.path);
  const json = !upload && takesJson(req.path);
  const allowed = json
    ? type === "application/json"
    : type === "application/x-www-form-urlencoded" || type === "multipart/form-data";
  if (!allowed) {
    refuse(
      req,
      res,
      415,
      json
        ? "请以 JSON 格式提交（Content-Type: application/json）。"
        : upload && req.path.startsWith("/api/")
          ? "请以 multipart/form-data 提交：file（.docx 或 .txt）或 text。"
          : "请通过本系统的页面表单提交。",
    );
    return false;
  }

  const limit = json ? MAX_JSON_BYTES : upload ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES;
  const body = await readBody(req, limit);
  if (body === "too large") {
    refuse(req, res, 413, `提交的内容过大（超过 ${Math.round(limit / 1024 / 1024)} MB）。`);
    return false;
  }

  if (json) {
    const problem = scanJson(body.toString("utf8"), MAX_NESTING);
    if (problem === "too deep") {
      refuse(req, res, 400, `JSON 的层级过深（超过 ${MAX_NESTING} 层）。`);
      return false;
    }
    if (problem === "control character") {
      refuse(req, res, 422, "内容中含有无法识别的控制字符（如空字符），请删除后重试。");
      return false;
    }
  } else {
    let entries: [string, unknown][];
    try {
      entries = await formEntries(type, body, req.headers["content-type"]!);
    } catch {
      refuse(req, res, 400, "表单内容不完整或格式有误，请刷新页面后重试。");
      return false;
    }
    if (!upload && entries.some(([, value]) => typeof value !== "string")) {
      refuse(req, res, 415, "此处不接受上传文件。");
      return false;
    }
    const problem = checkFormFields(entries);
    if (problem) {
      refuse(req, res, problem.status, problem.message);
      return false;
    }
  }
  res.locals.body = body satisfies CheckedBody;
  return true;
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return "";
  }
}
