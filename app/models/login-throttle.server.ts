// Sign-in throttling that holds across server processes (it lives in the
// database) and that nobody can use to lock someone else out
// (docs/decisions/008-sign-in-throttling.md).
import { createHash, randomBytes } from "node:crypto";

import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";

import { normalizeUsername } from "./user.server";

/** Failed sign-ins of one username from browsers it has never signed in with. */
export const MAX_FAILED_ATTEMPTS = 5;
/** Failed sign-ins from one trusted browser (someone at the person's own desk). */
export const MAX_DEVICE_ATTEMPTS = 10;
/** Failed sign-ins from one address, whatever the username (a whole office may share one). */
export const MAX_ADDRESS_ATTEMPTS = 30;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** How long a browser stays trusted after its last sign-in. */
export const DEVICE_TRUST_MS = 365 * 24 * 60 * 60 * 1000;

export type ThrottleState = { blocked: false } | { blocked: true; retryAt: Date };

export type Attempt = {
  username: string;
  /** The client's address as the server determined it (TRUST_PROXY), if known. */
  ip: string | null;
  /** The raw device cookie the browser sent, if any. */
  deviceToken: string | null;
};

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The device cookie's hash when that browser has signed in as `username` before. */
async function trustedDevice(attempt: Attempt, now: Date): Promise<string | null> {
  if (!attempt.deviceToken) return null;
  const hash = hashOf(attempt.deviceToken);
  const row = await getDb()
    .selectFrom("trustedDevices")
    .innerJoin("users", "users.id", "trustedDevices.userId")
    .select("trustedDevices.tokenHash")
    .where("trustedDevices.tokenHash", "=", hash)
    .where("users.username", "=", normalizeUsername(attempt.username))
    .where("trustedDevices.lastUsedAt", ">", nowIso(new Date(now.getTime() - DEVICE_TRUST_MS)))
    .executeTakeFirst();
  return row ? hash : null;
}

/** Blocked until the oldest counted failure leaves the window, when `limit` are in it. */
function blockedBy(failures: { attemptedAt: string }[], limit: number): ThrottleState {
  if (failures.length < limit) return { blocked: false };
  const oldest = failures[limit - 1]!.attemptedAt;
  return { blocked: true, retryAt: new Date(Date.parse(oldest) + THROTTLE_WINDOW_MS) };
}

/**
 * Whether this attempt may be tried now. A browser the person has signed in
 * with before counts only its own failures, so guesses made elsewhere never
 * lock the mayor out at their own desk; any other browser is held back after
 * MAX_FAILED_ATTEMPTS for the username, or MAX_ADDRESS_ATTEMPTS from its address.
 */
export async function getThrottleState(
  attempt: Attempt,
  now: Date = new Date(),
): Promise<ThrottleState> {
  const since = nowIso(new Date(now.getTime() - THROTTLE_WINDOW_MS));
  const recent = (limit: number) =>
    getDb()
      .selectFrom("loginAttempts")
      .select("attemptedAt")
      .where("attemptedAt", ">", since)
      .orderBy("attemptedAt", "desc")
      .limit(limit);
  const username = normalizeUsername(attempt.username);
  const device = await trustedDevice(attempt, now);
  if (device) {
    const failures = await recent(MAX_DEVICE_ATTEMPTS)
      .where("username", "=", username)
      .where("deviceHash", "=", device)
      .execute();
    return blockedBy(failures, MAX_DEVICE_ATTEMPTS);
  }
  const byName = await recent(MAX_FAILED_ATTEMPTS)
    .where("username", "=", username)
    .where("deviceHash", "is", null)
    .execute();
  const state = blockedBy(byName, MAX_FAILED_ATTEMPTS);
  if (state.blocked || !attempt.ip) return state;
  const byAddress = await recent(MAX_ADDRESS_ATTEMPTS)
    .where("ip", "=", attempt.ip)
    .where("deviceHash", "is", null)
    .execute();
  return blockedBy(byAddress, MAX_ADDRESS_ATTEMPTS);
}

export async function recordFailedLogin(attempt: Attempt, now: Date = new Date()): Promise<void> {
  const db = getDb();
  await db
    .insertInto("loginAttempts")
    .values({
      id: newId(),
      username: normalizeUsername(attempt.username).slice(0, 100),
      ip: attempt.ip,
      deviceHash: await trustedDevice(attempt, now),
      attemptedAt: nowIso(now),
    })
    .execute();
  // Old rows no longer count for anything.
  await db
    .deleteFrom("loginAttempts")
    .where("attemptedAt", "<=", nowIso(new Date(now.getTime() - THROTTLE_WINDOW_MS)))
    .execute();
}

/**
 * A successful sign-in wipes the slate for that username and trusts the
 * browser from now on: returns the device cookie's value to set (the same
 * one if it was already trusted, so it keeps its place).
 */
export async function rememberSignIn(
  userId: string,
  attempt: Attempt,
  now: Date = new Date(),
): Promise<string> {
  const db = getDb();
  await db
    .deleteFrom("loginAttempts")
    .where("username", "=", normalizeUsername(attempt.username))
    .execute();
  const token = attempt.deviceToken ?? randomBytes(32).toString("base64url");
  const hash = hashOf(token);
  const at = nowIso(now);
  await db
    .insertInto("trustedDevices")
    .values({ tokenHash: hash, userId, createdAt: at, lastUsedAt: at })
    .onConflict((oc) => oc.columns(["tokenHash", "userId"]).doUpdateSet({ lastUsedAt: at }))
    .execute();
  return token;
}

/** A password reset or change: no browser stays trusted for that person. */
export async function forgetDevices(userId: string): Promise<void> {
  await getDb().deleteFrom("trustedDevices").where("userId", "=", userId).execute();
}
