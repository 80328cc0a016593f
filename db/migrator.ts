import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResult } from "kysely";

import { migrations } from "./migrations/index";
import type { Database } from "./schema";

function createMigrator(db: Kysely<Database>) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
}

export class MigrationError extends Error {
  constructor(
    readonly failed: string | undefined,
    cause: unknown,
  ) {
    super(`数据库迁移失败${failed ? `（${failed}）` : ""}：${String(cause)}`, { cause });
  }
}

function check(results: MigrationResult[] | undefined, error: unknown): MigrationResult[] {
  if (error) {
    throw new MigrationError(results?.find((r) => r.status === "Error")?.migrationName, error);
  }
  return results ?? [];
}

/** Runs every pending migration; returns the names it applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { results, error } = await createMigrator(db).migrateToLatest();
  return check(results, error).map((r) => r.migrationName);
}

/** Undoes every migration (each one's `down`): an empty database. */
export async function migrateToEmpty(db: Kysely<Database>): Promise<void> {
  const { results, error } = await createMigrator(db).migrateTo(NO_MIGRATIONS);
  check(results, error);
}

/** Runs (or undoes) migrations until `name` is the last one applied (tests of a migration). */
export async function migrateTo(db: Kysely<Database>, name: string): Promise<void> {
  const { results, error } = await createMigrator(db).migrateTo(name);
  check(results, error);
}
