// A county's worth of data on PostgreSQL, for the index test and the county
// benchmark: one town's rows copied N times in SQL (generate_series), every
// id and unique name suffixed with the copy's number. PostgreSQL only.
import { type Kysely, sql } from "kysely";

import type { Database } from "./schema";

/** Columns holding an id (ours are text) or a name that must stay unique. */
const SUFFIXED = /^(id|.+_id|created_by|updated_by|submitted_by|resolved_by)$/;
const UNIQUE_TEXT = new Set(["towns.name", "users.username"]);

/** The town's rows, in an order that satisfies the foreign keys. */
const TABLES: [table: string, whereOfTown: string][] = [
  ["towns", "t.id = $town"],
  ["departments", "t.town_id = $town"],
  ["users", "t.town_id = $town"],
  ["user_roles", "t.user_id in (select id from users where town_id = $town)"],
  ["section_defaults", "t.town_id = $town"],
  ["plans", "t.town_id = $town"],
  ["sections", "t.town_id = $town"],
  ["section_revisions", "t.section_id in (select id from sections where town_id = $town)"],
  ["targets", "t.plan_id in (select id from plans where town_id = $town)"],
  ["snapshots", "t.town_id = $town"],
  ["workflow_events", "t.town_id = $town"],
  ["comments", "t.town_id = $town"],
];

async function columnsOf(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}
      and is_identity = 'NO' and coalesce(column_default, '') not like 'nextval%'
    order by ordinal_position`.execute(db);
  return rows.map((row) => row.name);
}

/** Copies every row of `townId` `copies` times (towns "…-c1", "…-c2", …). */
export async function cloneTown(
  db: Kysely<Database>,
  townId: string,
  copies: number,
): Promise<void> {
  const quoted = `'${townId.replace(/'/g, "''")}'`;
  for (const [table, where] of TABLES) {
    const columns = await columnsOf(db, table);
    const values = columns.map((column) =>
      SUFFIXED.test(column) || UNIQUE_TEXT.has(`${table}.${column}`)
        ? `case when t.${column} is null then null else t.${column} || '-c' || g end`
        : `t.${column}`,
    );
    await sql
      .raw(
        `insert into ${table} (${columns.join(", ")})
         select ${values.join(", ")} from ${table} t cross join generate_series(1, ${copies}) g
         where ${where.replaceAll("$town", quoted)}`,
      )
      .execute(db);
  }
  await sql`analyze`.execute(db);
}

/**
 * Gives every section of the town `count` revisions in all (small ones: the
 * pages measured never read a revision's text), as months of autosaves would.
 */
export async function fillRevisions(
  db: Kysely<Database>,
  townId: string,
  count: number,
): Promise<void> {
  await sql`
    insert into section_revisions
      (id, section_id, version, content, characters, author_id, reason, created_at, updated_at)
    select s.id || '-r' || g, s.id, 1000 + g, '{"root":{"children":[],"direction":null,"format":"","indent":0,"type":"root","version":1}}',
      0, s.updated_by, null, s.created_at, s.created_at
    from sections s
    cross join lateral generate_series(1, greatest(0, ${count} - (
      select count(*) from section_revisions r where r.section_id = s.id
    ))::int) g
    where s.town_id = ${townId}`.execute(db);
}
