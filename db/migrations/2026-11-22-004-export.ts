import type { Kysely } from "kysely";

// Frozen once released. Word export: the town's font names, whether the
// targets also print as a table, and the record of every export.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("towns").addColumn("export_fonts", "text").execute();
  await db.schema
    .alterTable("plans")
    .addColumn("targets_as_table", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("plan_exports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("plan_state", "text", (c) => c.notNull())
    .addColumn("draft", "integer", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("plan_exports_plan")
    .on("plan_exports")
    .columns(["plan_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("plan_exports").execute();
  await db.schema.alterTable("plans").dropColumn("targets_as_table").execute();
  await db.schema.alterTable("towns").dropColumn("export_fonts").execute();
}
