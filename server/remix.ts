import {
  createRequestHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";

import type { CheckedBody } from "./guard";
import { refuse, wantsJson } from "./refuse";

/** What every loader and action gets besides the request (see app/load-context.ts). */
export type LoadContext = { cspNonce: string; clientIp: string | null };

function headersOf(req: Request): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(key, item);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}

/** The Fetch Request Remix reads, with the body the guard has already read and checked. */
function remixRequest(req: Request, res: Response, body: CheckedBody): globalThis.Request {
  const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new globalThis.Request(url, {
    method: req.method,
    headers: headersOf(req),
    signal: controller.signal,
    ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}),
  });
}

async function send(res: Response, response: globalThis.Response): Promise<void> {
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** Remix's own plain-text answers ("Bad Request", "Unexpected Server Error") are English. */
const FRAMEWORK_TEXT: Record<number, string> = {
  400: "请求有误，请刷新页面后重试。",
  404: "您要找的页面或记录不存在。",
  405: "不支持这种访问方式。",
  500: "服务器内部错误，请稍后再试。",
};

export function remixHandler(build: ServerBuild) {
  const handle = createRequestHandler(build, "production");
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const context: LoadContext = {
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? null,
      };
      const response = await handle(
        remixRequest(req, res, res.locals.body as CheckedBody),
        context,
      );
      const type = response.headers.get("Content-Type") ?? "";
      if (response.status >= 400 && type.startsWith("text/plain") && !wantsJson(req)) {
        refuse(req, res, response.status, FRAMEWORK_TEXT[response.status] ?? FRAMEWORK_TEXT[500]!);
        return;
      }
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
}
