import type { Kysely } from "kysely";

// Frozen once released. Which appearance of its quoted words a comment was
// made on (0-based, counted through the section), for words that appear
// more than once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("comments")
    .addColumn("quote_occurrence", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("comments").dropColumn("quote_occurrence").execute();
}
