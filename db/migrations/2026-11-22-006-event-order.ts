import type { Kysely } from "kysely";

// Frozen once released. Events written in one transaction (a plan return and
// the sections it reopens) share one timestamp; `ordinal` keeps the order in
// which they were written, so the record always reads the same way.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("workflow_events")
    .addColumn("ordinal", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("workflow_events").dropColumn("ordinal").execute();
}
