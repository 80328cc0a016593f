import { type Kysely, sql } from "kysely";

// Frozen once released. A double click on 开始跟踪, or two tabs, must not
// track the same commitment twice: the check before the insert does not hold
// between two PostgreSQL transactions, this index does (SQLite and PostgreSQL
// both take a partial unique index).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("targets_commitment_name")
    .unique()
    .on("targets")
    .columns(["plan_id", "name"])
    .where(sql.ref("section_id"), "is not", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("targets_commitment_name").execute();
}
