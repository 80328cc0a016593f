import type { Kysely } from "kysely";

// Frozen once released.
// - Browsers a person has signed in with (a long-lived cookie, only its hash
//   kept): guesses made elsewhere do not lock them out (decision 008).
// - Failed sign-ins remember the browser they came from.
// - Request counters shared by every server process (API rate limit).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("trusted_devices")
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text", (c) => c.notNull())
    // One browser may be trusted for several people (a shared office computer).
    .addPrimaryKeyConstraint("trusted_devices_pk", ["token_hash", "user_id"])
    .execute();
  await db.schema
    .createIndex("trusted_devices_user")
    .on("trusted_devices")
    .column("user_id")
    .execute();

  await db.schema.alterTable("login_attempts").addColumn("device_hash", "text").execute();
  await db.schema
    .createIndex("login_attempts_ip")
    .on("login_attempts")
    .columns(["ip", "attempted_at"])
    .execute();

  await db.schema
    .createTable("rate_counters")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_counters").execute();
  await db.schema.dropIndex("login_attempts_ip").execute();
  await db.schema.alterTable("login_attempts").dropColumn("device_hash").execute();
  await db.schema.dropTable("trusted_devices").execute();
}
