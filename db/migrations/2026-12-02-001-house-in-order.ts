import { type Kysely, sql, SqliteAdapter } from "kysely";

// Frozen once released.
// - Snapshots are found by their kind and numbered per kind, instead of by
//   matching display names ("分管领导退回稿 第2次" is built when read).
// - Plans remember who changed their own texts, targets or sections last, for
//   "已由 X 于 HH:MM 修改" when a stale edit is refused.
// - Every export records the 文号 it carried, so a corrected 文号 shows in the
//   export record.
// - A comment remembers the heading its quoted words stood under, to say
//   where they were after the words are edited away.

/** The display names written before this migration, and the kind each stands for. */
const KINDS: Record<string, string> = {
  送分管领导审核稿: "submitted",
  分管领导退回稿: "returned",
  分管领导审核通过稿: "approved",
  随计划退回稿: "reopened",
  统稿初稿: "compiling",
  镇长审核稿: "toMayor",
  党委会审议稿: "toCommittee",
  审定稿: "final",
  党委会原则通过稿: "amendments",
  退回稿: "planReturned",
  印发稿: "published",
};

function isSqlite(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** The append-only trigger stands aside while existing rows get their kind. */
async function withoutUpdateGuard(db: Kysely<any>, work: () => Promise<void>) {
  if (isSqlite(db)) {
    await sql.raw("DROP TRIGGER snapshots_no_update").execute(db);
    await work();
    await sql
      .raw(
        `CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
         BEGIN SELECT RAISE(ABORT, 'snapshots is append-only'); END`,
      )
      .execute(db);
  } else {
    await sql.raw("ALTER TABLE snapshots DISABLE TRIGGER snapshots_append_only").execute(db);
    await work();
    await sql.raw("ALTER TABLE snapshots ENABLE TRIGGER snapshots_append_only").execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("snapshots")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("snapshots")
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await withoutUpdateGuard(db, async () => {
    const rows: { id: string; name: string }[] = await db
      .selectFrom("snapshots")
      .select(["id", "name"])
      .execute();
    for (const row of rows) {
      const match = /^(.*?)\s*第(\d+)次$/.exec(row.name);
      const base = match?.[1] ?? row.name;
      await db
        .updateTable("snapshots")
        .set({ kind: KINDS[base] ?? "final", sequence: Number(match?.[2] ?? 1) })
        .where("id", "=", row.id)
        .execute();
    }
  });
  await db.schema.alterTable("snapshots").dropColumn("name").execute();
  await db.schema
    .createIndex("snapshots_plan_kind")
    .on("snapshots")
    .columns(["plan_id", "kind", "created_at"])
    .execute();

  await db.schema
    .alterTable("plans")
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("plan_exports").addColumn("document_number", "text").execute();
  await db.schema.alterTable("comments").addColumn("quote_heading", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("comments").dropColumn("quote_heading").execute();
  await db.schema.alterTable("plan_exports").dropColumn("document_number").execute();
  await db.schema.alterTable("plans").dropColumn("updated_by").execute();
  await db.schema.dropIndex("snapshots_plan_kind").execute();
  await db.schema
    .alterTable("snapshots")
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await withoutUpdateGuard(db, async () => {
    const labels = Object.fromEntries(Object.entries(KINDS).map(([name, kind]) => [kind, name]));
    const rows: { id: string; kind: string; sequence: number }[] = await db
      .selectFrom("snapshots")
      .select(["id", "kind", "sequence"])
      .execute();
    for (const row of rows) {
      await db
        .updateTable("snapshots")
        .set({ name: `${labels[row.kind] ?? row.kind} 第${row.sequence}次` })
        .where("id", "=", row.id)
        .execute();
    }
  });
  await db.schema.alterTable("snapshots").dropColumn("sequence").execute();
  await db.schema.alterTable("snapshots").dropColumn("kind").execute();
}
