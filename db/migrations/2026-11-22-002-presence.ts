import type { Kysely } from "kysely";

// Frozen once released. Who has a section open (heartbeats from the editor).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("section_presence")
    .addColumn("section_id", "text", (c) =>
      c.notNull().references("sections.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("editing", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("section_presence_pk", ["section_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("section_presence").execute();
}
