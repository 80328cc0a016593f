import { createHash, randomBytes } from "node:crypto";

import { createCookie } from "@remix-run/node";

import { getDb } from "~db/client";
import { nowIso } from "~db/time";

import { resolveSessionSecret } from "./session-secret.server";

export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

let sessionCookie: ReturnType<typeof createCookie> | undefined;

function cookie() {
  sessionCookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [resolveSessionSecret()],
    maxAge: SESSION_LIFETIME_MS / 1000,
  });
  return sessionCookie;
}

let trustedDeviceCookie: ReturnType<typeof createCookie> | undefined;

/**
 * Marks a browser its person has signed in with (decision 008): sent only to
 * /login, where it spares that browser from locks caused by guesses elsewhere.
 */
export function deviceCookie() {
  trustedDeviceCookie ??= createCookie("__device", {
    httpOnly: true,
    sameSite: "lax",
    path: "/login",
    secrets: [resolveSessionSecret()],
    maxAge: 365 * 24 * 60 * 60,
  });
  return trustedDeviceCookie;
}

/** Secure cookies whenever the user reached us over HTTPS (directly or via a proxy). */
function isHttps(request: Request): boolean {
  return (
    new URL(request.url).protocol === "https:" ||
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https"
  );
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The session row id behind the request's cookie, or null. */
export async function getSessionId(request: Request): Promise<string | null> {
  const token: unknown = await cookie().parse(request.headers.get("Cookie"));
  return typeof token === "string" && token.length > 0 ? hashToken(token) : null;
}

/**
 * Starts a session for a user who just proved who they are. Any session the
 * request already carried is ended first, so the id always changes at sign-in.
 * Returns the Set-Cookie header value.
 */
export async function createSession(
  request: Request,
  userId: string,
  { now = new Date(), flash = null }: { now?: Date; flash?: string | null } = {},
): Promise<string> {
  const db = getDb();
  const previous = await getSessionId(request);
  if (previous) await db.deleteFrom("sessions").where("id", "=", previous).execute();

  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id: hashToken(token),
      userId,
      createdAt: nowIso(now),
      expiresAt: nowIso(new Date(now.getTime() + SESSION_LIFETIME_MS)),
      userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
      flash,
    })
    .execute();
  return cookie().serialize(token, { secure: isHttps(request) });
}

/** Ends the request's session; returns the Set-Cookie header that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const id = await getSessionId(request);
  if (id) await getDb().deleteFrom("sessions").where("id", "=", id).execute();
  return cookie().serialize("", { maxAge: 0, expires: new Date(0), secure: isHttps(request) });
}

export async function endAllSessionsOf(userId: string): Promise<void> {
  await getDb().deleteFrom("sessions").where("userId", "=", userId).execute();
}

export async function purgeExpiredSessions(now: Date = new Date()): Promise<void> {
  await getDb().deleteFrom("sessions").where("expiresAt", "<=", nowIso(now)).execute();
}

/** Leaves a one-shot message for the next page this session sees. */
export async function setFlash(request: Request, message: string): Promise<void> {
  const id = await getSessionId(request);
  if (id)
    await getDb().updateTable("sessions").set({ flash: message }).where("id", "=", id).execute();
}

/** Reads and clears the session's one-shot message. */
export async function takeFlash(sessionId: string): Promise<string | null> {
  const db = getDb();
  const row = await db
    .selectFrom("sessions")
    .select("flash")
    .where("id", "=", sessionId)
    .executeTakeFirst();
  if (!row?.flash) return null;
  await db.updateTable("sessions").set({ flash: null }).where("id", "=", sessionId).execute();
  return row.flash;
}
