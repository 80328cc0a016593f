// npm run bench — a county's data on PostgreSQL: the 工作台, the plan list
// and a plan's page of one town, timed (median of sequential requests to the
// production server) with that town alone in the database, then again after
// 999 more towns like it were added (2 plans × 6 sections × 30 revisions
// each). Goal: ≤ 1.3× the single town's median. Starts a throwaway
// PostgreSQL (scripts/with-postgres.sh) when none is given.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

import { createDatabase, setDbForTesting } from "../db/client";
import { cloneTown, fillRevisions } from "../db/county";
import { recordGoal, ratio } from "./goals";
import { demoPlans, signIn, waitFor } from "./support";

const root = path.resolve(import.meta.dirname, "..");
const TOWNS = Number(process.env.BENCH_TOWNS ?? 1000);
const REQUESTS = Number(process.env.BENCH_COUNTY_REQUESTS ?? 150);
const PORT = Number(process.env.BENCH_PORT ?? 3300) + 10;
const BASE = `http://localhost:${PORT}`;

const adminUrl = process.env.TEST_DATABASE_URL?.trim();
if (!adminUrl) {
  const hasPostgres =
    spawnSync("sh", ["-c", "command -v initdb || ls /usr/lib/postgresql/*/bin/initdb"]).status ===
    0;
  if (!hasPostgres) {
    recordGoal({
      measure: `pages with ${TOWNS} towns on PostgreSQL`,
      baseline: "the same pages with 1 town",
      result: "no PostgreSQL on this machine",
      goal: "≤ 1.3×",
      met: null,
    });
    process.exit(0);
  }
  const run = spawnSync(
    path.join(root, "scripts/with-postgres.sh"),
    [path.join(root, "node_modules/.bin/tsx"), "bench/county.ts"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, PG_TEST_PORT: process.env.PG_TEST_PORT ?? "55499" },
    },
  );
  process.exit(run.status ?? 1);
}

const NAME = "annual_plan_county_bench";
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`drop database if exists ${NAME} with (force)`);
await admin.query(`create database ${NAME}`);
await admin.end();
const url = new URL(adminUrl);
url.pathname = `/${NAME}`;

const db = createDatabase({ dialect: "postgres", connectionString: url.toString() });
setDbForTesting(db);
const { coordinator, planId } = await demoPlans(db, [2026, 2027]);
await fillRevisions(db, coordinator.townId, 30);

const server = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: String(PORT),
    SESSION_SECRET: "bench-only-secret",
    WEB_CONCURRENCY: "1",
  },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
const stopServer = () => {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
};

const PAGES = [
  ["工作台 /", "/"],
  ["plan list /plans", "/plans"],
  ["plan page /plans/:id", `/plans/${planId}`],
] as const;

async function medians(cookie: string): Promise<number[]> {
  const result: number[] = [];
  for (const [, page] of PAGES) {
    const samples: number[] = [];
    for (let i = -20; i < REQUESTS; i++) {
      const start = performance.now();
      const response = await fetch(`${BASE}${page}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${page} answered ${response.status}`);
      if (i >= 0) samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    result.push(samples[samples.length >> 1]!);
  }
  return result;
}

try {
  await waitFor(`${BASE}/healthz`);
  const cookie = await signIn(BASE, "coordinator");

  await medians(cookie); // warm-up: the first pass pays for compiling the server's code
  const single = await medians(cookie);
  const cloneStart = performance.now();
  await cloneTown(db, coordinator.townId, TOWNS - 1);
  const cloneSeconds = (performance.now() - cloneStart) / 1000;
  const count = async (table: "towns" | "sections" | "sectionRevisions") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = {
    towns: await count("towns"),
    sections: await count("sections"),
    revisions: await count("sectionRevisions"),
  };
  const county = await medians(cookie);

  console.log(
    `\nPostgreSQL, ${REQUESTS} sequential requests per page, medians (county: ${counts.towns} towns, ${counts.sections} sections, ${counts.revisions} revisions, copied in ${cloneSeconds.toFixed(0)} s)\n`,
  );
  console.log("page                     1 town ms   county ms   ratio");
  PAGES.forEach(([name], i) => {
    console.log(
      `${name.padEnd(24)} ${single[i]!.toFixed(1).padStart(9)} ${county[i]!.toFixed(1).padStart(11)}   ${(county[i]! / single[i]!).toFixed(2)}`,
    );
  });
  PAGES.forEach(([name], i) => {
    recordGoal({
      measure: `${name} with ${TOWNS} towns (PostgreSQL)`,
      baseline: `1 town ${single[i]!.toFixed(1)} ms`,
      result: `${county[i]!.toFixed(1)} ms, ${ratio(county[i]! / single[i]!)}`,
      goal: "≤ 1.3×",
      met: county[i]! / single[i]! <= 1.3,
    });
  });
} finally {
  stopServer();
  await db.destroy();
}
