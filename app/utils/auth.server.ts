import { redirect } from "@remix-run/node";

import { getUserBySession, type SessionUser } from "~/models/user.server";

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
