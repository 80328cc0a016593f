import { createHash, randomBytes } from "node:crypto";

import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";

import { allowed, type PolicyUser } from "~/policies/policy";

import { getActiveUser, type SessionUser } from "./user.server";

const PREFIX = "ap_";

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type TokenView = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

/** Creates a token for the user; the token text is returned this once and never stored. */
export async function createToken(userId: string, name: string, now: Date = new Date()) {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const id = newId();
  await getDb()
    .insertInto("apiTokens")
    .values({ id, userId, name, tokenHash: hashOf(token), createdAt: nowIso(now) })
    .execute();
  return { id, name, token };
}

export async function listTokens(userId: string): Promise<TokenView[]> {
  return getDb()
    .selectFrom("apiTokens")
    .select(["id", "name", "createdAt", "lastUsedAt"])
    .where("userId", "=", userId)
    .where("revokedAt", "is", null)
    .orderBy("createdAt", "desc")
    .execute();
}

/**
 * Revokes one of the person's own tokens (the policy: nobody else's); false
 * when there is no such live token. Someone else's token is answered as if
 * it did not exist.
 */
export async function revokeToken(
  user: PolicyUser,
  tokenId: string,
  now: Date = new Date(),
): Promise<boolean> {
  const token = await getDb()
    .selectFrom("apiTokens")
    .select(["id", "userId"])
    .where("id", "=", tokenId)
    .where("revokedAt", "is", null)
    .executeTakeFirst();
  if (!token || !allowed(user, "token.revoke", token)) return false;
  const result = await getDb()
    .updateTable("apiTokens")
    .set({ revokedAt: nowIso(now) })
    .where("id", "=", tokenId)
    .where("userId", "=", user.id)
    .where("revokedAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Writing last-used on every request would make each read a write; once a minute is enough. */
const LAST_USED_EVERY_MS = 60_000;

/** The user a bearer token acts as: same town, same roles; null for unknown, revoked or deactivated. */
export async function userByToken(
  token: string,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const db = getDb();
  const row = await db
    .selectFrom("apiTokens")
    .select(["id", "userId", "lastUsedAt"])
    .where("tokenHash", "=", hashOf(token))
    .where("revokedAt", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const user = await getActiveUser(row.userId);
  if (!user) return null;
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > LAST_USED_EVERY_MS) {
    await db
      .updateTable("apiTokens")
      .set({ lastUsedAt: nowIso(now) })
      .where("id", "=", row.id)
      .execute();
  }
  return user;
}
