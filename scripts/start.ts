// npm start: build if needed, migrate, seed an empty database, then serve.
// Everything a fresh clone needs after `npm install`; see README.md.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { resolveSessionSecret } from "../app/utils/session-secret.server";
import { getDb, resolveDatabaseConfig } from "../db/client";
import { migrateToLatest } from "../db/migrator";
import { seedDemoYear } from "../app/demo/demo-year.server";
import { DEMO_PASSWORD, seedDemoIfEmpty } from "../db/seed-demo";

const root = path.resolve(import.meta.dirname, "..");
const SOURCES = [
  "app",
  "db",
  "workflows",
  "templates",
  "public",
  "remix.config.js",
  "package.json",
  "tsconfig.json",
];
const BUILD_MARKER = path.join(root, "build", "index.js");

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (entry === "public" && child === "build") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIsStale(): boolean {
  if (!fs.existsSync(BUILD_MARKER)) return true;
  const built = fs.statSync(BUILD_MARKER).mtimeMs;
  return SOURCES.some((entry) => newestMtime(entry) > built);
}

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

// The operator's environment decides whether a secret is required; the
// server itself always runs as a production build.
let sessionSecret: string;
try {
  sessionSecret = resolveSessionSecret();
} catch (error) {
  fail((error as Error).message);
}

if (buildIsStale()) {
  console.log("• 正在构建应用（remix build）…");
  const remix = path.join(root, "node_modules/@remix-run/dev/dist/cli.js");
  const result = spawnSync(process.execPath, [remix, "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) fail("构建失败，请查看上面的错误信息");
}

let config;
try {
  config = resolveDatabaseConfig(process.env.DATABASE_URL);
} catch (error) {
  fail((error as Error).message);
}
const where = config.dialect === "sqlite" ? `SQLite ${config.filename}` : "PostgreSQL";
try {
  const db = getDb();
  const applied = await migrateToLatest(db);
  console.log(
    `• 数据库（${where}）${applied.length ? `已迁移：${applied.join("，")}` : "结构已是最新"}`,
  );
  if (await seedDemoIfEmpty(db)) {
    console.log("• 数据库为空，已写入演示数据（示例镇、另一镇）");
    await seedDemoYear();
    console.log("• 已写入示例镇今年的工作计划：已印发，已结束各季度的进度已报送并确认");
  }
  await db.destroy();
} catch (error) {
  fail(`数据库准备失败（${where}）：${(error as Error).message}`);
}

const port = process.env.PORT ?? "3000";
// One server process per core (up to 4): state lives in the database
// (sessions, flash, presence), so any worker may answer any request.
const workers = Math.max(
  1,
  Number(process.env.WEB_CONCURRENCY) || Math.min(os.availableParallelism(), 4),
);
cluster.setupPrimary({
  exec: path.join(root, "server/index.ts"),
  execArgv: ["--import", "tsx"],
  silent: true,
});
const workerEnv = { NODE_ENV: "production", SESSION_SECRET: sessionSecret, PORT: port };

let announced = false;
let stopping = false;
function fork() {
  const worker = cluster.fork(workerEnv);
  worker.process.stdout?.on("data", (chunk: Buffer) => process.stdout.write(chunk));
  worker.process.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
}
for (let i = 0; i < workers; i++) fork();

const listened = new Set<number>();
cluster.on("listening", (worker) => {
  listened.add(worker.id);
  if (announced) return;
  announced = true;
  console.log(`\n年度工作计划编审系统已启动：http://localhost:${port}（${workers} 个进程）`);
  console.log(
    `演示账号：coordinator、econ、leader1、mayor、secretary、admin 等，密码均为 ${DEMO_PASSWORD}（正式使用前请修改）\n`,
  );
});
cluster.on("exit", (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  if (!listened.has(worker.id)) {
    // It never served: restarting would fail the same way (e.g. the port is taken).
    stopping = true;
    for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
    fail(`服务进程未能启动（端口 ${port} 可能已被占用，可用 PORT=其他端口 npm start）`);
  }
  console.error(`✗ 服务进程 ${worker.process.pid} 意外退出（${signal ?? code}），正在重启`);
  fork();
});

// Stopping (SIGTERM from the service manager, or Ctrl+C): every worker stops taking new
// connections and finishes the requests it has (server/index.ts, at most SHUTDOWN_SECONDS);
// this process exits once they all have, killing any that overrun.
const SHUTDOWN_SECONDS = Number(process.env.SHUTDOWN_SECONDS ?? 10);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker?.process.kill("SIGTERM");
    setTimeout(
      () => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
        process.exit(1);
      },
      (SHUTDOWN_SECONDS + 5) * 1000,
    ).unref();
  });
}
