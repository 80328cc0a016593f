// npm run bench — the production build on SQLite under load (autocannon):
// autosave and the signed-in section page, each against a trivial route
// (/healthz) measured on the same server in the same run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import autocannon from "autocannon";

import { markdownToContent } from "../app/editor/content.server";
import { createDatabase } from "../db/client";

const root = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const BASE = `http://localhost:${PORT}`;
const DB_FILE = "./data/bench.db";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const env = {
  ...process.env,
  DATABASE_URL: `file:${DB_FILE}`,
  PORT: String(PORT),
  SESSION_SECRET: "bench-only-secret",
};

async function waitFor(url: string, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not start at ${url}`);
}

async function signIn(username: string): Promise<string> {
  const response = await fetch(`${BASE}/login`, {
    method: "POST",
    body: new URLSearchParams({ username, password: "demo1234" }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`sign-in as ${username} failed`);
  return cookie;
}

async function post(cookie: string, url: string, form: Record<string, string>) {
  const response = await fetch(`${BASE}${url}`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`POST ${url} answered ${response.status}`);
  return response.headers.get("location") ?? "";
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function measure(name: string, options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function print(rows: Figures[], baseline: Figures) {
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, SQLite, production build\n`);
  console.log("route                         req/s    p50 ms  p99 ms  non-2xx  errors  ratio");
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(28)} ${row.rps.toFixed(0).padStart(7)} ${String(row.p50).padStart(8)} ${String(
        row.p99,
      ).padStart(
        7,
      )} ${String(row.non2xx).padStart(8)} ${String(row.errors).padStart(7)}  ${(row.rps / baseline.rps).toFixed(2)}`,
    );
  }
}

// A fresh database each run: start.ts migrates and seeds it.
for (const suffix of ["", "-wal", "-shm"])
  fs.rmSync(path.join(root, DB_FILE + suffix), { force: true });
const server = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
  cwd: root,
  env,
  stdio: ["ignore", "ignore", "inherit"],
  detached: true, // its own process group, so that the whole server stops with it
});
const stopServer = () => {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
};
try {
  await waitFor(`${BASE}/healthz`);
  const coordinator = await signIn("coordinator");
  const planPath = await post(coordinator, "/plans?index", {
    year: "2027",
    kind: "工作计划",
    from: "templates",
  });
  // One section per connection, so that every autosave is a real save on the version it saw.
  for (let i = 1; i <= CONNECTIONS; i++) {
    await post(coordinator, planPath, { intent: "add-section", title: `压测章节${i}` });
  }
  const db = createDatabase({ dialect: "sqlite", filename: DB_FILE });
  const sections = await db
    .selectFrom("sections")
    .select(["id", "version"])
    .where("title", "like", "压测章节%")
    .execute();
  const economy = await db
    .selectFrom("sections")
    .select("id")
    .where("kind", "=", "economy")
    .executeTakeFirstOrThrow();
  await db.destroy();

  const paragraph =
    "围绕主导产业开展产业链招商，全年计划引进过亿元项目五个以上，推动在谈项目签约落地。";
  const body = (marker: string) =>
    JSON.stringify(
      markdownToContent(
        `# 压测章节\n\n${Array.from({ length: Math.ceil(20_000 / paragraph.length) }, (_, i) => `${marker}${i}${paragraph}`).join("\n\n")}`,
      ),
    );
  const contents = [body("甲"), body("乙")];
  const pool = sections.map((s) => ({ id: s.id, version: s.version, busy: false, turn: 0 }));

  const trivial = await measure("GET /healthz (baseline)", { url: `${BASE}/healthz` });
  const autosave = await measure("POST autosave (20k chars)", {
    url: BASE,
    requests: [
      {
        method: "POST",
        setupRequest: (request, context) => {
          const slot = pool.find((s) => !s.busy) ?? pool[0]!;
          slot.busy = true;
          slot.turn++;
          (context as { slot?: typeof slot }).slot = slot;
          return {
            ...request,
            path: `/sections/${slot.id}/content`,
            headers: { "content-type": "application/json", cookie: coordinator },
            body: JSON.stringify({ content: contents[slot.turn % 2], baseVersion: slot.version }),
          };
        },
        onResponse: (_status, responseBody, context) => {
          const slot = (context as { slot: (typeof pool)[number] }).slot;
          try {
            const parsed = JSON.parse(responseBody) as { version?: number };
            if (parsed.version) slot.version = parsed.version;
          } catch {
            // counted as non-2xx by autocannon
          }
          slot.busy = false;
        },
      },
    ],
  });
  const page = await measure("GET section page (signed in)", {
    url: `${BASE}${planPath}/sections/${economy.id}`,
    headers: { cookie: coordinator },
  });
  // Not a goal: the cheapest document Remix renders here (no session, no
  // database), to show how much of the section page's cost any page pays.
  const floor = await measure("GET /login (document floor)", { url: `${BASE}/login` });
  print([trivial, autosave, page, floor], trivial);
} finally {
  stopServer();
}
