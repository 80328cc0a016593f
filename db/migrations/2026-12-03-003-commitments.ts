import type { Kysely } from "kysely";

// Frozen once released. A section's own measurable commitment ("全年计划引进
// 过亿元项目5个"), chosen by the coordinator after 印发 to be tracked like a
// target (issue 17): a target row that names its section and its sentence.
// It is never printed among the 主要预期目标, so the published text stays as
// it was issued.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("targets")
    .addColumn("section_id", "text", (c) => c.references("sections.id"))
    .execute();
  await db.schema.alterTable("targets").addColumn("source", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("targets").dropColumn("source").execute();
  await db.schema.alterTable("targets").dropColumn("section_id").execute();
}
