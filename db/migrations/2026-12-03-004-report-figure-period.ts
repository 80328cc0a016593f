import type { Kysely } from "kysely";

// Frozen once released. A report's figure is the latest entered up to the
// report's period, which may be an earlier one (a year-end summary drafted in
// December carries the third quarter's): the period it is really "as of", so
// that the report says 截至9月底 rather than 全年.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("targets").addColumn("actual_period", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("targets").dropColumn("actual_period").execute();
}
