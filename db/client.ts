import fs from "node:fs";
import path from "node:path";

import SQLite from "better-sqlite3";
import {
  CamelCasePlugin,
  Kysely,
  type LogConfig,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
} from "kysely";
import pg from "pg";

import type { Database } from "./schema";

export const DEFAULT_SQLITE_FILE = "./data/plan.db";

export type DatabaseConfig =
  { dialect: "sqlite"; filename: string } | { dialect: "postgres"; connectionString: string };

/**
 * Picks the dialect from DATABASE_URL (docs/decisions/002-database-dialects.md):
 * unset or empty → SQLite at ./data/plan.db; `file:PATH` → SQLite at PATH
 * (`file::memory:` for an in-memory database); `postgres://` or
 * `postgresql://` → PostgreSQL. Anything else is refused with a clear message.
 */
export function resolveDatabaseConfig(url: string | undefined): DatabaseConfig {
  const value = url?.trim();
  if (!value) return { dialect: "sqlite", filename: DEFAULT_SQLITE_FILE };
  if (value.startsWith("file:")) {
    const filename = value.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!filename) throw new Error("DATABASE_URL 的 file: 后面缺少数据库文件路径");
    return { dialect: "sqlite", filename };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { dialect: "postgres", connectionString: value };
  throw new Error(
    `不支持的 DATABASE_URL：${value.replace(/\/\/[^@/]*@/, "//***@")}。请使用 file:路径（SQLite）或 postgres://…（PostgreSQL）`,
  );
}

function openSqlite(filename: string): SQLite.Database {
  const inMemory = filename === ":memory:";
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  const database = new SQLite(filename);
  // WAL lets readers and the one writer work at once; busy_timeout waits for a
  // lock instead of failing at once when two requests write together.
  if (!inMemory) database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  return database;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; a page runs the same few dozen SQL
 * texts again and again, and preparing costs about as much as running them.
 * Statements are kept per SQL text (least recently used dropped first).
 * Safe because better-sqlite3 runs each statement to completion
 * synchronously and nothing here streams (`.stream()` would keep one busy).
 */
export function withStatementCache(
  database: SQLite.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text); // re-inserted below as the most recently used
      } else {
        statement = database.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/**
 * The one mapping layer between TypeScript and the database: camelCase names
 * in code (db/schema.ts), snake_case in tables and columns. Migrations name
 * columns in snake_case, which snakeCase() leaves as they are.
 */
function plugins() {
  return [new CamelCasePlugin()];
}

/** `log` sees every query (the index test reads the SQL a page runs). */
export function createDatabase(
  config: DatabaseConfig,
  { log }: { log?: LogConfig } = {},
): Kysely<Database> {
  if (config.dialect === "sqlite") {
    return new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(openSqlite(config.filename)) }),
      plugins: plugins(),
      log,
    });
  }
  const pool = new pg.Pool({ connectionString: config.connectionString, max: 10 });
  // An idle connection the server ended (a restart, a failover, a test database dropped):
  // the pool opens a new one for the next query. Without a listener, pg's "error" event
  // would end the whole process.
  pool.on("error", (error) => console.warn(`PostgreSQL 空闲连接已断开：${error.message}`));
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: plugins(),
    log,
  });
}

// One connection (pool) per process; kept on globalThis so that `remix dev`
// rebuilds do not open a new one on every change.
const holder = globalThis as typeof globalThis & { __annualPlanDb?: Kysely<Database> };

export function getDb(): Kysely<Database> {
  holder.__annualPlanDb ??= createDatabase(resolveDatabaseConfig(process.env.DATABASE_URL));
  return holder.__annualPlanDb;
}

/** Tests point the app's models at a database of their own. */
export function setDbForTesting(db: Kysely<Database> | undefined): void {
  holder.__annualPlanDb = db;
}
