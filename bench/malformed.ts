// npm run bench:malformed — 1,000 malformed requests of every kind the
// hardening issue found (huge array indexes, deep nesting, wrong content
// types, bad encodings, NUL bytes, cross-site writes, oversized bodies)
// against the production server with two processes. Passes when every
// process is still the one that started, no answer was a 5xx, and /healthz
// answers within 100 ms afterwards. Exits non-zero otherwise.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { waitFor } from "./support";

const PORT = Number(process.env.BENCH_PORT ?? 3310);
const BASE = `http://localhost:${PORT}`;
const DB_FILE = "./data/malformed.db";
const TOTAL = 1000;
const CONCURRENCY = 20;

type Attack = { name: string; path: string; init: RequestInit };

const form = (body: string): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body,
});
const json = (body: string): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body,
});

const ATTACKS: Attack[] = [
  { name: "huge index", path: "/login", init: form("username=x&password=y&x[99999999]=1") },
  { name: "targets[100000]", path: "/plans/x/targets", init: form("targets[100000].name=x") },
  { name: "deep form name", path: "/login", init: form(`a${"[b]".repeat(10_000)}=1`) },
  {
    name: "many fields",
    path: "/login",
    init: form(Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join("&")),
  },
  { name: "deep JSON", path: "/api/v1/plans", init: json("[".repeat(10_000) + "]".repeat(10_000)) },
  {
    name: "deep JSON autosave",
    path: "/sections/x/content",
    init: json('{"a":'.repeat(5000) + "1" + "}".repeat(5000)),
  },
  { name: "JSON to a page", path: "/login", init: json('{"username":"x"}') },
  {
    name: "text/plain",
    path: "/login",
    init: { method: "POST", headers: { "Content-Type": "text/plain" }, body: "a=1" },
  },
  {
    name: "broken multipart",
    path: "/login",
    init: {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=q" },
      body: "--q\r\nbroken",
    },
  },
  {
    name: "no content type",
    path: "/login",
    init: { method: "POST", body: new Uint8Array([97, 61, 49]) },
  },
  { name: "bad percent-encoding", path: "/api/v1/plans/%E0%A4%A", init: {} },
  { name: "NUL in the address", path: "/plans/%00", init: {} },
  { name: "NUL in a field", path: "/login", init: form("username=a%00b&password=c") },
  { name: "NUL in JSON", path: "/api/v1/tokens", init: json('{"name":"a\\u0000b"}') },
  {
    name: "cross-site write",
    path: "/logout",
    init: { method: "POST", headers: { Origin: "http://evil.example" } },
  },
  { name: "oversized form", path: "/login", init: form(`username=${"x".repeat(2 * 1024 * 1024)}`) },
];

async function healthMs(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${BASE}/healthz`);
  if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
  return performance.now() - started;
}

fs.rmSync(DB_FILE, { force: true });
let output = "";
const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  env: {
    ...process.env,
    DATABASE_URL: `file:${DB_FILE}`,
    PORT: String(PORT),
    WEB_CONCURRENCY: "2",
    SESSION_SECRET: "malformed-only-secret",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

let failed = false;
try {
  await waitFor(`${BASE}/healthz`);
  const statuses = new Map<string, Set<number>>();
  let sent = 0;
  let fiveHundreds = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < TOTAL) {
        const attack = ATTACKS[sent++ % ATTACKS.length]!;
        // An oversized body may be refused before it is sent whole: the server closes
        // the connection after its 413, which the sender sees as a broken pipe (0 here).
        const status = await fetch(`${BASE}${attack.path}`, { ...attack.init, redirect: "manual" })
          .then(async (response) => {
            await response.arrayBuffer();
            return response.status;
          })
          .catch(() => 0);
        if (status >= 500) fiveHundreds++;
        const seen = statuses.get(attack.name) ?? new Set();
        seen.add(status);
        statuses.set(attack.name, seen);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const health = [];
  for (let i = 0; i < 10; i++) health.push(await healthMs());
  const slowest = Math.max(...health);
  const restarts = (output.match(/意外退出/g) ?? []).length;

  console.log(
    `\n${TOTAL} 个畸形请求，用时 ${seconds.toFixed(1)} 秒（并发 ${CONCURRENCY}，2 个服务进程）`,
  );
  for (const [name, codes] of statuses)
    console.log(`  ${name.padEnd(22)} → ${[...codes].join(", ")}`);
  console.log(
    `5xx 应答：${fiveHundreds}；进程意外退出：${restarts}；其后 /healthz 最慢 ${slowest.toFixed(1)} ms`,
  );
  failed = fiveHundreds > 0 || restarts > 0 || slowest >= 100;
  console.log(failed ? "✗ 未达标" : "✓ 达标：所有进程仍在运行，/healthz 在 100 ms 内应答");
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.on("exit", resolve));
  fs.rmSync(DB_FILE, { force: true });
}
process.exit(failed ? 1 : 0);
