import { type Kysely, sql, SqliteAdapter } from "kysely";

// Frozen once released. Workflow events (append-only), content snapshots
// taken at each step, and comments anchored to quoted text.

const APPEND_ONLY = ["workflow_events", "snapshots"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("sections")
    .addColumn("submitted_by", "text", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("snapshots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
    // No foreign key: the record outlives a section removed while drafting.
    .addColumn("section_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("snapshots_section")
    .on("snapshots")
    .columns(["section_id", "created_at"])
    .execute();

  await db.schema
    .createTable("workflow_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
    .addColumn("section_id", "text")
    /** The section's title (or the plan's) when the event happened. */
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("from_state", "text", (c) => c.notNull())
    .addColumn("to_state", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    /** JSON: sections reopened, 文号 and date, … */
    .addColumn("details", "text")
    .addColumn("snapshot_id", "text", (c) => c.references("snapshots.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("workflow_events_plan")
    .on("workflow_events")
    .columns(["plan_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("workflow_events_section")
    .on("workflow_events")
    .columns(["section_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("workflow_events_actor")
    .on("workflow_events")
    .columns(["actor_id", "created_at"])
    .execute();

  await db.schema
    .createTable("comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id"))
    .addColumn("section_id", "text", (c) =>
      c.notNull().references("sections.id").onDelete("cascade"),
    )
    /** Null for the first comment of a thread; replies point at it. */
    .addColumn("thread_id", "text", (c) => c.references("comments.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    /** The commented text, as selected (threads only). */
    .addColumn("quote", "text")
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("comments_section")
    .on("comments")
    .columns(["section_id", "created_at"])
    .execute();

  // The record is evidence: refuse any change to it in the database itself.
  for (const table of APPEND_ONLY) {
    if (db.getExecutor().adapter instanceof SqliteAdapter) {
      for (const operation of ["UPDATE", "DELETE"]) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table}
             BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
          )
          .execute(db);
      }
    } else {
      await sql
        .raw(
          `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("comments").execute();
  await db.schema.dropTable("workflow_events").execute();
  await db.schema.dropTable("snapshots").execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    for (const table of APPEND_ONLY)
      await sql.raw(`DROP FUNCTION ${table}_append_only()`).execute(db);
  }
  await db.schema.alterTable("sections").dropColumn("submitted_by").execute();
}
