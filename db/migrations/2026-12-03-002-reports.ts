import type { Kysely } from "kysely";

// Frozen once released. Reports drafted from a published plan (issue 17): the
// half-year report and the year-end summary are plans of their own kinds that
// name the plan they report on and the period whose figures they carry; each
// of their targets holds the figure to date (上半年/全年完成) beside its target.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("plans")
    .addColumn("source_plan_id", "text", (c) => c.references("plans.id"))
    .execute();
  await db.schema.alterTable("plans").addColumn("report_period", "text").execute();
  await db.schema.alterTable("targets").addColumn("actual", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("targets").dropColumn("actual").execute();
  await db.schema.alterTable("plans").dropColumn("report_period").execute();
  await db.schema.alterTable("plans").dropColumn("source_plan_id").execute();
}
