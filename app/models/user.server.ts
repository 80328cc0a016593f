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
    .selectFrom("userRoles")
    .select(["userId", "role"])
    .where("userId", "in", userIds)
    .execute();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.role]);
  }
  return new Map([...byUser].map(([id, roles]) => [id, sortRoles(roles)]));
}

/** An active user with town and department, as a signed-in person is seen everywhere. */
function activeUserQuery(db: ReturnType<typeof getDb>) {
  return db
    .selectFrom("users")
    .innerJoin("towns", "towns.id", "users.townId")
    .leftJoin("departments", "departments.id", "users.departmentId")
    .select([
      "users.id",
      "users.username",
      "users.displayName",
      "users.title",
      "users.townId",
      "towns.name as townName",
      "users.departmentId",
      "departments.name as departmentName",
    ])
    .where("users.isActive", "=", 1);
}

async function toSessionUser(
  db: ReturnType<typeof getDb>,
  row: Awaited<ReturnType<ReturnType<typeof activeUserQuery>["executeTakeFirst"]>>,
): Promise<SessionUser | null> {
  if (!row) return null;
  const roles = (await rolesOf(db, [row.id])).get(row.id) ?? [];
  return { ...row, roles };
}

/** The active user behind a live (unexpired) session, or null. */
export async function getUserBySession(
  sessionId: string,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  const db = getDb();
  const row = await activeUserQuery(db)
    .innerJoin("sessions", "sessions.userId", "users.id")
    .where("sessions.id", "=", sessionId)
    .where("sessions.expiresAt", ">", nowIso(now))
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
    .select(["id", "passwordHash", "isActive"])
    .where("username", "=", normalizeUsername(username))
    .executeTakeFirst();
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (!user.isActive) return { ok: false, reason: "inactive" };
  await db.updateTable("users").set({ lastLoginAt: nowIso() }).where("id", "=", user.id).execute();
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
    .leftJoin("departments", "departments.id", "users.departmentId")
    .select([
      "users.id",
      "users.username",
      "users.displayName",
      "users.title",
      "users.departmentId",
      "departments.name as departmentName",
      "users.isActive",
      "users.lastLoginAt",
    ])
    .where("users.townId", "=", townId)
    .orderBy("users.isActive", "desc")
    .orderBy("users.username");
  if (userId) query = query.where("users.id", "=", userId);
  const rows = await query.execute();
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...row,
    roles: roles.get(row.id) ?? [],
    isActive: row.isActive === 1,
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
    .where("townId", "=", townId)
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
        townId,
        username: normalizeUsername(input.username),
        displayName: input.displayName,
        title: input.title,
        passwordHash,
        departmentId: input.departmentId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await replaceRoles(trx, id, input.roles);
  });
  return id;
}

async function replaceRoles(db: Kysely<Database>, userId: string, roles: Role[]) {
  await db.deleteFrom("userRoles").where("userId", "=", userId).execute();
  const unique = [...new Set(roles)];
  if (unique.length) {
    await db
      .insertInto("userRoles")
      .values(unique.map((role) => ({ userId, role })))
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
          displayName: input.displayName,
          title: input.title,
          departmentId: input.departmentId,
          updatedAt: nowIso(),
        })
        .where("id", "=", userId)
        .where("townId", "=", townId)
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
    .set({ isActive: active ? 1 : 0, updatedAt: nowIso() })
    .where("id", "=", userId)
    .where("townId", "=", townId)
    .executeTakeFirst();
  const changed = Number(result.numUpdatedRows) > 0;
  // Only a user of this town was changed: another town's sessions are not ours to end.
  if (changed && !active) await endAllSessionsOf(userId);
  return changed;
}

/**
 * Sets a new password, ends the user's sessions (they sign in again), stops
 * trusting the browsers they signed in with and lifts a sign-in lock on the
 * username: a reset is how a locked-out user is helped at once. With
 * `revokeTokens` (always, when an administrator resets it) the user's API
 * tokens stop working too: whoever knew the old password may have made one.
 */
export async function setPassword(
  townId: string,
  userId: string,
  password: string,
  { revokeTokens }: { revokeTokens: boolean },
  now: Date = new Date(),
) {
  const db = getDb();
  const user = await db
    .updateTable("users")
    .set({ passwordHash: await hashPassword(password), updatedAt: nowIso() })
    .where("id", "=", userId)
    .where("townId", "=", townId)
    .returning("username")
    .executeTakeFirst();
  if (!user) return false;
  await endAllSessionsOf(userId);
  await db.deleteFrom("loginAttempts").where("username", "=", user.username).execute();
  await db.deleteFrom("trustedDevices").where("userId", "=", userId).execute();
  if (revokeTokens) {
    await db
      .updateTable("apiTokens")
      .set({ revokedAt: nowIso(now) })
      .where("userId", "=", userId)
      .where("revokedAt", "is", null)
      .execute();
  }
  return true;
}

export async function checkPassword(userId: string, password: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("users")
    .select("passwordHash")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row ? verifyPassword(row.passwordHash, password) : false;
}
