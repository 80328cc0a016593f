import type { Kysely } from "kysely";

import { getDb } from "~db/client";
import { hashPassword, verifyPassword } from "~db/password";
import type { Database } from "~db/schema";
import { newId, nowIso } from "~db/time";
import { isRole, ROLES, type Role } from "~workflows/roles";

import { endAllSessionsOf } from "~/utils/session.server";

/** What every page knows about the signed-in user. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  title: string | null;
  townId: string;
  townName: string;
  departmentId: string | null;
  departmentName: string | null;
  roles: Role[];
}

function sortRoles(roles: string[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

async function rolesOf(db: Kysely<Database>, userIds: string[]): Promise<Map<string, Role[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("user_roles")
    .select(["user_id", "role"])
    .where("user_id", "in", userIds)
    .execute();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.role]);
  }
  return new Map([...byUser].map(([id, roles]) => [id, sortRoles(roles)]));
}

/** The active user behind a live (unexpired) session, or null. */
/** An active user with town and department, as a signed-in person is seen everywhere. */
function activeUserQuery(db: ReturnType<typeof getDb>) {
  return db
    .selectFrom("users")
    .innerJoin("towns", "towns.id", "users.town_id")
    .leftJoin("departments", "departments.id", "users.department_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "users.title",
      "users.town_id",
      "towns.name as town_name",
      "users.department_id",
      "departments.name as department_name",
    ])
    .where("users.is_active", "=", 1);
}

async function toSessionUser(
  db: ReturnType<typeof getDb>,
  row: Awaited<ReturnType<ReturnType<typeof activeUserQuery>["executeTakeFirst"]>>,
): Promise<SessionUser | null> {
  if (!row) return null;
  const roles = (await rolesOf(db, [row.id])).get(row.id) ?? [];
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    title: row.title,
    townId: row.town_id,
    townName: row.town_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    roles,
  };
}

export async function getUserBySession(
  sessionId: string,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  const db = getDb();
  const row = await activeUserQuery(db)
    .innerJoin("sessions", "sessions.user_id", "users.id")
    .where("sessions.id", "=", sessionId)
    .where("sessions.expires_at", ">", nowIso(now))
    .executeTakeFirst();
  return toSessionUser(db, row);
}

/** The active user behind an API token (deactivated users' tokens stop working). */
export async function getActiveUser(userId: string): Promise<SessionUser | null> {
  const db = getDb();
  return toSessionUser(
    db,
    await activeUserQuery(db).where("users.id", "=", userId).executeTakeFirst(),
  );
}

export type LoginResult =
  { ok: true; userId: string } | { ok: false; reason: "invalid" | "inactive" };

/**
 * Checks a username and password. An unknown user costs as much time as a
 * wrong password (a hash is still verified), so timing does not reveal names.
 */
export async function verifyLogin(username: string, password: string): Promise<LoginResult> {
  const db = getDb();
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "is_active"])
    .where("username", "=", normalizeUsername(username))
    .executeTakeFirst();
  const valid = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (!user.is_active) return { ok: false, reason: "inactive" };
  await db
    .updateTable("users")
    .set({ last_login_at: nowIso() })
    .where("id", "=", user.id)
    .execute();
  return { ok: true, userId: user.id };
}

// argon2id hash of a random string nobody knows; verified against unknown users.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$NwkJsqKBvtPZTiAVu3sKJA$xDZAteF2UmD9JOyBMOtsVLL3Nr1izxNqlRvH3kAApgg";

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export interface UserListItem {
  id: string;
  username: string;
  displayName: string;
  title: string | null;
  departmentId: string | null;
  departmentName: string | null;
  roles: Role[];
  isActive: boolean;
  lastLoginAt: string | null;
}

/** Users of one town (or the one with `userId`), active first, then by username. */
async function queryUsers(townId: string, userId?: string): Promise<UserListItem[]> {
  const db = getDb();
  let query = db
    .selectFrom("users")
    .leftJoin("departments", "departments.id", "users.department_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "users.title",
      "users.department_id",
      "departments.name as department_name",
      "users.is_active",
      "users.last_login_at",
    ])
    .where("users.town_id", "=", townId)
    .orderBy("users.is_active", "desc")
    .orderBy("users.username");
  if (userId) query = query.where("users.id", "=", userId);
  const rows = await query.execute();
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    title: row.title,
    departmentId: row.department_id,
    departmentName: row.department_name,
    roles: roles.get(row.id) ?? [],
    isActive: row.is_active === 1,
    lastLoginAt: row.last_login_at,
  }));
}

export function listUsers(townId: string): Promise<UserListItem[]> {
  return queryUsers(townId);
}

/** One user of the town, or null (also for another town's id). */
export async function getUser(townId: string, userId: string): Promise<UserListItem | null> {
  return (await queryUsers(townId, userId))[0] ?? null;
}

export async function isUsernameTaken(username: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("users")
    .select("id")
    .where("username", "=", normalizeUsername(username))
    .executeTakeFirst();
  return row !== undefined;
}

async function assertDepartmentInTown(
  db: Kysely<Database>,
  townId: string,
  departmentId: string | null,
) {
  if (!departmentId) return;
  const dept = await db
    .selectFrom("departments")
    .select("id")
    .where("id", "=", departmentId)
    .where("town_id", "=", townId)
    .executeTakeFirst();
  if (!dept) throw new Error("所选科室不属于本镇");
}

export interface UserInput {
  displayName: string;
  title: string | null;
  departmentId: string | null;
  roles: Role[];
}

export async function createUser(
  townId: string,
  input: UserInput & { username: string; password: string },
): Promise<string> {
  const db = getDb();
  const id = newId();
  const now = nowIso();
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await assertDepartmentInTown(trx, townId, input.departmentId);
    await trx
      .insertInto("users")
      .values({
        id,
        town_id: townId,
        username: normalizeUsername(input.username),
        display_name: input.displayName,
        title: input.title,
        password_hash: passwordHash,
        department_id: input.departmentId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await replaceRoles(trx, id, input.roles);
  });
  return id;
}

async function replaceRoles(db: Kysely<Database>, userId: string, roles: Role[]) {
  await db.deleteFrom("user_roles").where("user_id", "=", userId).execute();
  const unique = [...new Set(roles)];
  if (unique.length) {
    await db
      .insertInto("user_roles")
      .values(unique.map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

/** Updates a user of the town; returns false when no such user is in the town. */
export async function updateUser(townId: string, userId: string, input: UserInput) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      await assertDepartmentInTown(trx, townId, input.departmentId);
      const result = await trx
        .updateTable("users")
        .set({
          display_name: input.displayName,
          title: input.title,
          department_id: input.departmentId,
          updated_at: nowIso(),
        })
        .where("id", "=", userId)
        .where("town_id", "=", townId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await replaceRoles(trx, userId, input.roles);
      return true;
    });
}

/** Deactivating also ends every session of the user at once. */
export async function setUserActive(townId: string, userId: string, active: boolean) {
  const result = await getDb()
    .updateTable("users")
    .set({ is_active: active ? 1 : 0, updated_at: nowIso() })
    .where("id", "=", userId)
    .where("town_id", "=", townId)
    .executeTakeFirst();
  if (!active) await endAllSessionsOf(userId);
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Sets a new password, ends the user's sessions (they sign in again) and
 * lifts a sign-in lock on the username: a reset is how a locked-out user is
 * helped at once.
 */
export async function setPassword(townId: string, userId: string, password: string) {
  const db = getDb();
  const user = await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(password), updated_at: nowIso() })
    .where("id", "=", userId)
    .where("town_id", "=", townId)
    .returning("username")
    .executeTakeFirst();
  if (!user) return false;
  await endAllSessionsOf(userId);
  await db.deleteFrom("login_attempts").where("username", "=", user.username).execute();
  return true;
}

export async function checkPassword(userId: string, password: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row ? verifyPassword(row.password_hash, password) : false;
}
