import { randomBytes } from "node:crypto";
import path from "node:path";

import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";

import { requestGuard } from "./guard";
import { refuse } from "./refuse";
import { remixHandler } from "./remix";

export type ServerOptions = {
  build: ServerBuild;
  /** Where public/ is (the build's assets are under public/build). */
  publicDir: string;
  /** `TRUST_PROXY`: behind a reverse proxy, believe its X-Forwarded-For/-Proto/-Host. */
  trustProxy: boolean | number | string;
  /** `PUBLIC_URL`'s origin when set: the only origin writes may come from. */
  publicOrigin: string | null;
};

/**
 * Content-Security-Policy: our own scripts (Remix's inline ones carry the
 * request's nonce), our own style sheets; style attributes stay allowed (the
 * editor and charts set them, and they cannot run code); no plugins, no
 * framing, forms post only here.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Same-origin only, no cross-origin embedding of our pages or files.
    crossOriginResourcePolicy: { policy: "same-origin" },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: false, // set by the HTTPS proxy that terminates TLS
    frameguard: { action: "deny" },
  });
}

export function createApp(options: ServerOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy);
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(securityHeaders());
  app.use(compression());
  // Fingerprinted build assets are cached for good; the rest of public/ for an hour.
  app.use(
    "/build",
    express.static(path.join(options.publicDir, "build"), { immutable: true, maxAge: "1y" }),
  );
  app.use(express.static(options.publicDir, { maxAge: "1h" }));
  app.use(requestGuard({ publicOrigin: options.publicOrigin }));
  app.all("*", remixHandler(options.build));
  // Anything unexpected: a Chinese 500, the details only in the server log.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    console.error(error);
    refuse(req, res, 500, "服务器内部错误，请稍后再试。");
  });
  return app;
}
