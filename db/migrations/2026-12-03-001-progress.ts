import type { Kysely } from "kysely";

// Frozen once released. Progress on a published plan's targets (issue 17):
// one figure per target and period ("2027-Q2" or "2027-06"), entered by the
// target's department and confirmed by its leader; the town reports by
// quarter (the default) or by month.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("towns")
    .addColumn("progress_period", "text", (c) => c.notNull().defaultTo("quarter"))
    .execute();
  await db.schema
    .createTable("target_progress")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id"))
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
    .addColumn("target_id", "text", (c) => c.notNull().references("targets.id").onDelete("cascade"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    // Decimal text, like targets.value: both databases give it back unchanged.
    .addColumn("actual", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("entered_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("entered_at", "text", (c) => c.notNull())
    .addColumn("confirmed_by", "text", (c) => c.references("users.id"))
    .addColumn("confirmed_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("target_progress_target_period", ["target_id", "period"])
    .execute();
  await db.schema
    .createIndex("target_progress_town_plan")
    .on("target_progress")
    .columns(["town_id", "plan_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("target_progress").execute();
  await db.schema.alterTable("towns").dropColumn("progress_period").execute();
}
