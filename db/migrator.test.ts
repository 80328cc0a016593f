import { sql } from "kysely";
import { expect, it } from "vitest";

import { migrations } from "./migrations/index";
import { migrateToEmpty, migrateToLatest } from "./migrator";
import { describeEachDialect } from "./testing";

const FOUNDATION_TABLES = [
  "api_tokens",
  "comments",
  "departments",
  "login_attempts",
  "plan_exports",
  "plans",
  "section_defaults",
  "section_presence",
  "section_revisions",
  "sections",
  "sessions",
  "snapshots",
  "targets",
  "towns",
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

    it("can be undone to an empty database and redone", async () => {
      await migrateToEmpty(t.db);
      expect(await tableNames()).toEqual([]);
      await migrateToLatest(t.db);
      expect(await tableNames()).toEqual(FOUNDATION_TABLES);
    });
  },
  { migrate: false },
);
