// Test-only helpers: every database test runs once per available dialect.
import { randomBytes } from "node:crypto";

import type { Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";

import { createDatabase, setDbForTesting } from "./client";
import { migrateToLatest } from "./migrator";
import type { Database } from "./schema";
import { seedDemoIfEmpty } from "./seed-demo";

export type Dialect = "sqlite" | "postgres";

const postgresUrl = process.env.TEST_DATABASE_URL?.trim();
if (process.env.CI && !postgresUrl) {
  // CI must prove both dialects; never let PostgreSQL silently drop out there.
  throw new Error(
    "CI 必须设置 TEST_DATABASE_URL（postgres://…），数据库测试要在 SQLite 和 PostgreSQL 上都运行",
  );
}

/** SQLite always; PostgreSQL when TEST_DATABASE_URL names a server (CI sets it). */
export const TEST_DIALECTS: Dialect[] = postgresUrl ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase {
  db: Kysely<Database>;
  /** PostgreSQL: the database's own URL (a second connection may watch its queries). */
  url?: string;
  destroy(): Promise<void>;
}

/** A new, empty database of the dialect: in-memory SQLite, or a fresh PostgreSQL database. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const db = createDatabase({ dialect: "sqlite", filename: ":memory:" });
    return { db, destroy: () => db.destroy() };
  }
  if (!postgresUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `annual_plan_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const db = createDatabase({ dialect: "postgres", connectionString: url.toString() });
  return {
    db,
    url: url.toString(),
    async destroy() {
      await db.destroy();
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

export interface DatabaseContext {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
}

/**
 * Runs `suite` once per dialect against a fresh, migrated database that the
 * app's models use (through getDb), optionally seeded with the demo towns.
 */
export function describeEachDialect(
  title: string,
  suite: (ctx: DatabaseContext) => void,
  options: { seed?: boolean; migrate?: boolean } = {},
): void {
  for (const dialect of TEST_DIALECTS) {
    describe(`${title} [${dialect}]`, () => {
      let testDb: TestDatabase | undefined;
      const ctx: DatabaseContext = {
        dialect,
        get db() {
          if (!testDb) throw new Error("database not ready");
          return testDb.db;
        },
      };
      beforeAll(async () => {
        testDb = await createTestDatabase(dialect);
        if (options.migrate !== false) await migrateToLatest(testDb.db);
        if (options.seed) await seedDemoIfEmpty(testDb.db);
        setDbForTesting(testDb.db);
      });
      afterAll(async () => {
        setDbForTesting(undefined);
        await testDb?.destroy();
      });
      suite(ctx);
    });
  }
}

/** The id of a seeded user (test fixtures refer to users by username). */
export async function userIdOf(db: Kysely<Database>, username: string): Promise<string> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function townIdOf(db: Kysely<Database>, name: string): Promise<string> {
  const row = await db
    .selectFrom("towns")
    .select("id")
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export { personOf } from "./seed-demo";

/**
 * Marks a plan 已印发 without walking it there: the way to 印发 is the workflow
 * tests' business; progress and report tests start from an issued plan.
 */
export async function markPublished(db: Kysely<Database>, planId: string): Promise<void> {
  await db.updateTable("plans").set({ state: "published" }).where("id", "=", planId).execute();
}
