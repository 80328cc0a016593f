import type { Kysely } from "kysely";

// Frozen once released. How a town prints unnumbered list items: 一是、二是……
// (what published plans do) or （1）（2）…… (app/export/lists.ts).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("towns")
    .addColumn("list_style", "text", (c) => c.notNull().defaultTo("ordinal"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("towns").dropColumn("list_style").execute();
}
