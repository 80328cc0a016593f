import { sql } from "kysely";
import { expect, it } from "vitest";

import { migrations } from "./migrations/index";
import { migrateTo, migrateToEmpty, migrateToLatest } from "./migrator";
import { describeEachDialect } from "./testing";

const FOUNDATION_TABLES = [
  "api_tokens",
  "comments",
  "departments",
  "login_attempts",
  "plan_exports",
  "plans",
  "rate_counters",
  "section_defaults",
  "section_presence",
  "section_revisions",
  "sections",
  "sessions",
  "snapshots",
  "target_progress",
  "targets",
  "towns",
  "trusted_devices",
  "user_roles",
  "users",
  "workflow_events",
];

describeEachDialect(
  "migrations",
  (t) => {
    async function tableNames() {
      const tables = await t.db.introspection.getTables();
      return tables.map((table) => table.name).sort();
    }

    it("take an empty database to the latest schema", async () => {
      expect(await tableNames()).toEqual([]);
      const applied = await migrateToLatest(t.db);
      expect(applied).toEqual(Object.keys(migrations));
      expect(await tableNames()).toEqual(FOUNDATION_TABLES);
    });

    it("are idempotent: a second run applies nothing", async () => {
      expect(await migrateToLatest(t.db)).toEqual([]);
    });

    it("enforce the unique username and per-town department name", async () => {
      await sql`insert into towns (id, name, county, created_at) values ('t1', '甲镇', '县', '2026-01-01T00:00:00.000Z')`.execute(
        t.db,
      );
      await sql`insert into departments (id, town_id, name, sort_order, created_at) values ('d1', 't1', '党政办公室', 1, '2026-01-01T00:00:00.000Z')`.execute(
        t.db,
      );
      await expect(
        sql`insert into departments (id, town_id, name, sort_order, created_at) values ('d-dup', 't1', '党政办公室', 2, '2026-01-01T00:00:00.000Z')`.execute(
          t.db,
        ),
      ).rejects.toThrow();
    });

    it("gives the copies kept before 2026-12 their kind and number, keeping them append-only", async () => {
      await migrateToEmpty(t.db);
      await migrateTo(t.db, "2026-11-22-007-comment-occurrence");
      const at = "2026-01-01T00:00:00.000Z";
      await sql`insert into towns (id, name, county, created_at) values ('t1', '甲镇', '县', ${at})`.execute(
        t.db,
      );
      await sql`insert into plans (id, town_id, year, kind, title, state, created_at, updated_at) values ('p1', 't1', 2027, '工作计划', '甲镇2027年工作计划', 'drafting', ${at}, ${at})`.execute(
        t.db,
      );
      const names = [
        "送分管领导审核稿 第2次",
        "随计划退回稿 第1次",
        "退回稿 第3次",
        "印发稿 第1次",
      ];
      for (const [index, name] of names.entries()) {
        await sql`insert into snapshots (id, town_id, plan_id, section_id, name, content, created_at) values (${`s${index}`}, 't1', 'p1', ${index < 2 ? "x" : null}, ${name}, '{}', ${at})`.execute(
          t.db,
        );
      }
      await migrateToLatest(t.db);
      const rows = await t.db
        .selectFrom("snapshots")
        .select(["id", "kind", "sequence"])
        .orderBy("id")
        .execute();
      expect(rows).toEqual([
        { id: "s0", kind: "submitted", sequence: 2 },
        { id: "s1", kind: "reopened", sequence: 1 },
        { id: "s2", kind: "planReturned", sequence: 3 },
        { id: "s3", kind: "published", sequence: 1 },
      ]);
      await expect(sql`update snapshots set kind = 'final'`.execute(t.db)).rejects.toThrow(
        /append-only/,
      );
      await migrateToEmpty(t.db);
    });

    it("can be undone to an empty database and redone", async () => {
      await migrateToEmpty(t.db);
      expect(await tableNames()).toEqual([]);
      await migrateToLatest(t.db);
      expect(await tableNames()).toEqual(FOUNDATION_TABLES);
    });
  },
  { migrate: false },
);
