import { redirect } from "@remix-run/node";

import type { Role } from "~workflows/roles";

import { getUserBySession, type SessionUser } from "~/models/user.server";

import { forbidden } from "./http.server";
import { getSessionId } from "./session.server";

export type { SessionUser };

// Remix runs the layout's and the page's loaders with the same Request, so a
// page looks its user up once. An action's follow-up loaders get a new Request
// and therefore see any change the action made.
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = getSessionId(request).then((sessionId) =>
      sessionId ? getUserBySession(sessionId) : null,
    );
    usersByRequest.set(request, user);
  }
  return user;
}

/** The first line of every protected loader and action: signed in, or off to /login. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = request.method === "GET" ? url.pathname + url.search : "/";
    const search = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
    throw redirect(`/login${search}`);
  }
  return user;
}

export function hasRole(user: Pick<SessionUser, "roles">, ...roles: Role[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}

/** Signed in and holding at least one of `roles`; otherwise 403. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  assertRole(user, ...roles);
  return user;
}

export function assertRole(user: Pick<SessionUser, "roles">, ...roles: Role[]): void {
  if (!hasRole(user, ...roles)) forbidden();
}
