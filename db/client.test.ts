import SQLite from "better-sqlite3";
import { type Generated, Kysely, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";

import {
  createDatabase,
  DEFAULT_SQLITE_FILE,
  resolveDatabaseConfig,
  withStatementCache,
} from "./client";
import { createTestDatabase, TEST_DIALECTS } from "./testing";

describe("resolveDatabaseConfig", () => {
  it.each([
    [undefined, { dialect: "sqlite", filename: DEFAULT_SQLITE_FILE }],
    ["", { dialect: "sqlite", filename: DEFAULT_SQLITE_FILE }],
    ["file:./data/other.db", { dialect: "sqlite", filename: "./data/other.db" }],
    ["file:/var/lib/plan/plan.db", { dialect: "sqlite", filename: "/var/lib/plan/plan.db" }],
    ["file:///var/lib/plan/plan.db", { dialect: "sqlite", filename: "/var/lib/plan/plan.db" }],
    ["file::memory:", { dialect: "sqlite", filename: ":memory:" }],
    [
      "postgres://app@127.0.0.1:5432/plan",
      { dialect: "postgres", connectionString: "postgres://app@127.0.0.1:5432/plan" },
    ],
    [
      "postgresql://app:pw@db/plan",
      { dialect: "postgres", connectionString: "postgresql://app:pw@db/plan" },
    ],
  ])("%s → the right dialect", (url, expected) => {
    expect(resolveDatabaseConfig(url)).toEqual(expected);
  });

  it("refuses other schemes with a Chinese message that hides the password", () => {
    expect(() => resolveDatabaseConfig("mysql://root:secret@db/plan")).toThrow(
      /不支持的 DATABASE_URL：mysql:\/\/\*\*\*@db\/plan/,
    );
  });

  it("refuses file: without a path", () => {
    expect(() => resolveDatabaseConfig("file:")).toThrow(/缺少数据库文件路径/);
  });
});

describe("withStatementCache", () => {
  function open(size?: number) {
    const raw = new SQLite(":memory:");
    const prepared: string[] = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((text: string) => {
      prepared.push(text);
      return prepare(text);
    }) as typeof raw.prepare;
    const db = new Kysely<{ notes: { id: Generated<number>; body: string } }>({
      dialect: new SqliteDialect({ database: withStatementCache(raw, size) }),
    });
    return { db, prepared };
  }

  it("prepares a query once and gives the same answers when it runs again", async () => {
    const { db, prepared } = open();
    await sql`create table notes (id integer primary key, body text)`.execute(db);
    for (const body of ["一", "二", "三"]) await db.insertInto("notes").values({ body }).execute();
    const byId = (id: number) =>
      db.selectFrom("notes").select("body").where("id", "=", id).executeTakeFirst();
    expect(await byId(2)).toEqual({ body: "二" });
    expect(await byId(3)).toEqual({ body: "三" });
    expect(prepared.filter((text) => text.startsWith("insert"))).toHaveLength(1);
    expect(prepared.filter((text) => text.startsWith("select"))).toHaveLength(1);
    await db.destroy();
  });

  it("sees columns added after a statement was cached", async () => {
    const { db } = open();
    await sql`create table notes (id integer primary key, body text)`.execute(db);
    await db.insertInto("notes").values({ body: "一" }).execute();
    const all = () => db.selectFrom("notes").selectAll().execute();
    expect(await all()).toEqual([{ id: 1, body: "一" }]);
    await sql`alter table notes add column tag text default '要点'`.execute(db);
    expect(await all()).toEqual([{ id: 1, body: "一", tag: "要点" }]);
    await db.destroy();
  });

  it("keeps only the most recently used statements", async () => {
    const { db, prepared } = open(2);
    await sql`create table notes (id integer primary key, body text)`.execute(db);
    const select = (column: "id" | "body") => db.selectFrom("notes").select(column).execute();
    await select("id");
    await select("body");
    await select("id"); // cached; "body" is now the least recently used
    await sql`select 1`.execute(db); // evicts "body"
    await select("id");
    await select("body");
    expect(prepared.filter((text) => text.includes('"body" from'))).toHaveLength(2);
    expect(prepared.filter((text) => text.includes('"id" from'))).toHaveLength(1);
    await db.destroy();
  });
});

describe.skipIf(!TEST_DIALECTS.includes("postgres"))("PostgreSQL connections", () => {
  it("a connection the server ends while idle (a restart, a failover) is replaced, not fatal", async () => {
    const testDb = await createTestDatabase("postgres");
    const db = createDatabase({ dialect: "postgres", connectionString: testDb.url! });
    try {
      const { pid } = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db))
        .rows[0]!;
      await sql`select pg_terminate_backend(${pid})`.execute(testDb.db);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Without the pool's error listener the process would have ended on its own.
      const again = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(again.rows[0]!.one).toBe(1);
    } finally {
      await db.destroy();
      await testDb.destroy();
    }
  });
});
