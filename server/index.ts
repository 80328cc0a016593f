// One server process (a worker of scripts/start.ts): serves the production
// build on PORT, and on SIGTERM stops taking new connections, lets the
// requests in flight finish (at most SHUTDOWN_SECONDS), then exits.
import path from "node:path";
import { pathToFileURL } from "node:url";

import type { ServerBuild } from "@remix-run/node";

import { createApp } from "./app";
import { publicOriginOf, trustProxyOf } from "./options";

const root = path.resolve(import.meta.dirname, "..");
const build = (await import(
  pathToFileURL(path.join(root, "build", "index.js")).href
)) as ServerBuild;

const app = createApp({
  build,
  publicDir: path.join(root, "public"),
  trustProxy: trustProxyOf(process.env.TRUST_PROXY),
  publicOrigin: publicOriginOf(process.env.PUBLIC_URL),
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
const server = host ? app.listen(port, host) : app.listen(port);
server.on("listening", () => process.send?.({ type: "listening" }));

/** Seconds a stopping process waits for requests in flight. */
const SHUTDOWN_SECONDS = Number(process.env.SHUTDOWN_SECONDS ?? 10);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // No new connections; idle keep-alive ones are closed, busy ones finish their request.
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, SHUTDOWN_SECONDS * 1000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
