import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";

import { normalizeUsername } from "./user.server";

export const MAX_FAILED_ATTEMPTS = 5;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export type ThrottleState = { blocked: false } | { blocked: true; retryAt: Date };

/**
 * After MAX_FAILED_ATTEMPTS failed sign-ins for one username within the
 * window, further attempts are refused until the oldest of them leaves the
 * window. Counted per username (typed, existing or not), not per IP, since
 * town offices often share one address.
 */
export async function getThrottleState(
  username: string,
  now: Date = new Date(),
): Promise<ThrottleState> {
  const failures = await getDb()
    .selectFrom("loginAttempts")
    .select("attemptedAt")
    .where("username", "=", normalizeUsername(username))
    .where("attemptedAt", ">", nowIso(new Date(now.getTime() - THROTTLE_WINDOW_MS)))
    .orderBy("attemptedAt", "desc")
    .limit(MAX_FAILED_ATTEMPTS)
    .execute();
  if (failures.length < MAX_FAILED_ATTEMPTS) return { blocked: false };
  const oldestCounted = failures[failures.length - 1]!.attemptedAt;
  return { blocked: true, retryAt: new Date(Date.parse(oldestCounted) + THROTTLE_WINDOW_MS) };
}

export async function recordFailedLogin(
  username: string,
  ip: string | null,
  now: Date = new Date(),
): Promise<void> {
  const db = getDb();
  await db
    .insertInto("loginAttempts")
    .values({
      id: newId(),
      username: normalizeUsername(username).slice(0, 100),
      ip,
      attemptedAt: nowIso(now),
    })
    .execute();
  // Old rows no longer count for anything.
  await db
    .deleteFrom("loginAttempts")
    .where("attemptedAt", "<=", nowIso(new Date(now.getTime() - THROTTLE_WINDOW_MS)))
    .execute();
}

/** A successful sign-in wipes the slate for that username. */
export async function clearFailedLogins(username: string): Promise<void> {
  await getDb()
    .deleteFrom("loginAttempts")
    .where("username", "=", normalizeUsername(username))
    .execute();
}
