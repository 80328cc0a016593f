// npm run bench — the production build on SQLite under load (autocannon),
// each goal against a baseline measured on the same server in the same run:
// autosave of a 20,000-character section against a trivial POST of the same
// body (/bench/echo, on only here), the signed-in page of that section against
// GET /login (the cheapest document page), its bytes against the content's own
// JSON, and typing in it in Chromium against one frame.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import autocannon from "autocannon";

import { createDatabase } from "../db/client";
import { recordGoal, ratio } from "./goals";
import { sectionBodies, signIn, waitFor } from "./support";
import { measureTyping } from "./typing";

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
  BENCH_ROUTES: "1",
};

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

/** Each row with the baseline its ratio is taken to. */
function print(rows: [Figures, Figures][]) {
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, SQLite, production build\n`);
  console.log("route                         req/s    p50 ms  p99 ms  non-2xx  errors  ratio");
  for (const [row, baseline] of rows) {
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
  const coordinator = await signIn(BASE, "coordinator");
  const planPath = await post(coordinator, "/plans?index", {
    year: "2027",
    kind: "工作计划",
    from: "templates",
  });
  const db = createDatabase({ dialect: "sqlite", filename: DB_FILE });
  // One section per connection, so that every autosave is a real save on the version it saw.
  for (let i = 1; i <= CONNECTIONS; i++) {
    const plan = await db
      .selectFrom("plans")
      .select("version")
      .where("id", "=", planPath.split("/").pop()!)
      .executeTakeFirstOrThrow();
    await post(coordinator, planPath, {
      intent: "add-section",
      title: `压测章节${i}`,
      baseVersion: String(plan.version),
    });
  }
  const sections = await db
    .selectFrom("sections")
    .select(["id", "version"])
    .where("title", "like", "压测章节%")
    .execute();
  const economy = await db
    .selectFrom("sections")
    .select(["id", "version"])
    .where("kind", "=", "economy")
    .executeTakeFirstOrThrow();
  await db.destroy();

  const contents = sectionBodies();
  // The economy section holds the 20,000 characters whose page is measured.
  const first = await fetch(`${BASE}/sections/${economy.id}/content`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: coordinator },
    body: JSON.stringify({ content: contents[0], baseVersion: economy.version }),
  });
  if (first.status !== 200) throw new Error(`saving the measured section answered ${first.status}`);
  const pagePath = `${planPath}/sections/${economy.id}`;
  // In the browser first, while the server is quiet (as a person meets it).
  const typing = await measureTyping(BASE, coordinator, pagePath);
  const pool = sections.map((s) => ({ id: s.id, version: s.version, busy: false, turn: 0 }));

  const saveBody = `{"content":${contents[0]},"baseVersion":1}`;
  const echo = await measure("POST /bench/echo (baseline)", {
    url: `${BASE}/bench/echo`,
    method: "POST",
    headers: { "content-type": "application/json", cookie: coordinator },
    body: saveBody,
  });
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
            // As the editor sends it (use-autosave.ts): the content as JSON, not as a string.
            body: `{"content":${contents[slot.turn % 2]},"baseVersion":${slot.version}}`,
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
  const floor = await measure("GET /login (baseline)", { url: `${BASE}/login` });
  const page = await measure("GET section page, 20k chars", {
    url: `${BASE}${pagePath}`,
    headers: { cookie: coordinator },
  });
  // For reference, not a goal: the trivial GET.
  const trivial = await measure("GET /healthz (reference)", { url: `${BASE}/healthz` });
  print([
    [echo, echo],
    [autosave, echo],
    [floor, floor],
    [page, floor],
    [trivial, floor],
  ]);

  // What one visit to the page downloads as its document: HTML and its data.
  const html = await (
    await fetch(`${BASE}${pagePath}`, { headers: { cookie: coordinator } })
  ).text();
  const pageBytes = Buffer.byteLength(html);
  const contentBytes = Buffer.byteLength(contents[0]!);

  const checked = (row: Figures) => row.errors === 0 && row.non2xx === 0;
  recordGoal({
    measure: "autosave of a 20k-character section, 50 connections",
    baseline: `POST /bench/echo of the same body ${echo.rps.toFixed(0)} req/s`,
    result: `${autosave.rps.toFixed(0)} req/s, ${ratio(autosave.rps / echo.rps)}`,
    goal: "≥ 0.5×",
    met: checked(autosave) && checked(echo) && autosave.rps / echo.rps >= 0.5,
  });
  recordGoal({
    measure: "signed-in section page (20k chars)",
    baseline: `GET /login ${floor.rps.toFixed(0)} req/s`,
    result: `${page.rps.toFixed(0)} req/s, ${ratio(page.rps / floor.rps)}`,
    goal: "≥ 0.8×",
    met: checked(page) && page.rps / floor.rps >= 0.8,
  });
  recordGoal({
    measure: "section page HTML + data bytes",
    baseline: `the content's JSON ${(contentBytes / 1024).toFixed(0)} KB`,
    result: `${(pageBytes / 1024).toFixed(0)} KB, ${ratio(pageBytes / contentBytes)}`,
    goal: "≤ 1.5×",
    met: pageBytes / contentBytes <= 1.5,
  });
  const frame = 1000 / 60;
  recordGoal({
    measure: "typing in a 20k-character section (key → next frame)",
    baseline: "one frame 16.7 ms",
    result: typing
      ? `p50 ${typing.p50.toFixed(1)}, p95 ${typing.p95.toFixed(1)}, p99 ${typing.p99.toFixed(1)} ms (${typing.keystrokes} keys, ${typing.saves} autosaves)`
      : "no Chromium on this machine",
    goal: "p95 ≤ 1 frame, p99 ≤ 2 frames",
    met: typing ? typing.p95 <= frame && typing.p99 <= 2 * frame : null,
  });
} finally {
  stopServer();
}
