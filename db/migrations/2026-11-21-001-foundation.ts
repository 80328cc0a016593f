import type { Kysely } from "kysely";

// Frozen once released: later changes go into a new migration file.
// Written against Kysely<any> with portable types only (text, integer), so the
// same file runs on SQLite and PostgreSQL.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("towns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("county", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("departments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("departments_town_name_unique", ["town_id", "name"])
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id").onDelete("cascade"))
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("department_id", "text", (c) => c.references("departments.id").onDelete("set null"))
    .addColumn("title", "text")
    .addColumn("is_active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("last_login_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_town_idx").on("users").column("town_id").execute();

  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("user_agent", "text")
    .addColumn("flash", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempts_username_idx")
    .on("login_attempts")
    .columns(["username", "attempted_at"])
    .execute();

  await db.schema
    .createTable("section_defaults")
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("department_id", "text", (c) => c.references("departments.id").onDelete("set null"))
    .addColumn("leader_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("section_defaults_pk", ["town_id", "kind"])
    .execute();

  await db.schema
    .createTable("plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("town_id", "text", (c) => c.notNull().references("towns.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("document_number", "text")
    .addColumn("published_on", "text")
    .addColumn("deadline", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("plans_town_year_kind_unique", ["town_id", "year", "kind"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "plans",
    "section_defaults",
    "login_attempts",
    "sessions",
    "user_roles",
    "users",
    "departments",
    "towns",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
