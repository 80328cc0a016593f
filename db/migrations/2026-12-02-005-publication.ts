import type { Kysely } from "kysely";

// Frozen once released. How plans are issued (app/export/publication.ts): the
// town's issuing bodies, 主送, 抄送 and 印发机关 (JSON, null: the defaults), and
// each published plan's choice with those names as they were at 印发 (JSON,
// null: plain, as every plan published before this migration).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("towns").addColumn("publishing", "text").execute();
  await db.schema.alterTable("plans").addColumn("publication", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("plans").dropColumn("publication").execute();
  await db.schema.alterTable("towns").dropColumn("publishing").execute();
}
