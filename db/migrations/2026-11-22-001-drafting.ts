import type { Kysely } from "kysely";

// Frozen once released. Sections, their revisions and the plan's targets;
// the preamble and closing paragraph on the plan (Lexical JSON as text).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("plans").addColumn("preamble", "text").execute();
  await db.schema.alterTable("plans").addColumn("closing", "text").execute();

  await db.schema
    .createTable("sections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("department_id", "text", (c) => c.references("departments.id").onDelete("set null"))
    .addColumn("leader_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("deadline", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("characters", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("placeholders", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sections_plan_idx")
    .on("sections")
    .columns(["plan_id", "position"])
    .execute();

  await db.schema
    .createTable("section_revisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("section_id", "text", (c) =>
      c.notNull().references("sections.id").onDelete("cascade"),
    )
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("characters", "integer", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("section_revisions_section_idx")
    .on("section_revisions")
    .columns(["section_id", "created_at"])
    .execute();

  await db.schema
    .createTable("targets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    // Decimal numbers as text: exact on both databases (no float rounding).
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("qualifier", "text")
    .addColumn("baseline", "text")
    .addColumn("department_id", "text", (c) => c.references("departments.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("targets").execute();
  await db.schema.dropTable("section_revisions").execute();
  await db.schema.dropTable("sections").execute();
  await db.schema.alterTable("plans").dropColumn("closing").execute();
  await db.schema.alterTable("plans").dropColumn("preamble").execute();
}
