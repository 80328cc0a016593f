import type { Kysely } from "kysely";

// Frozen once released.
// Indexes a county server with hundreds of towns needs (db/county-indexes.test.ts
// found the plan page reading these tables whole): a plan's targets, and the
// people of a department (the admin's and the plan page's department lists).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("targets_plan_idx")
    .on("targets")
    .columns(["plan_id", "position"])
    .execute();
  await db.schema.createIndex("users_department_idx").on("users").column("department_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_department_idx").execute();
  await db.schema.dropIndex("targets_plan_idx").execute();
}
