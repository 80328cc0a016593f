import { data } from "@remix-run/node";

import { requireUser, type SessionUser } from "~/utils/auth.server";

import { type Action, can, REFUSAL_STATUS, type PolicyUser, type Subjects } from "./policy";

// Routes ask the policy in loaders through this module: a `.server` import
// never reaches the browser, where the policy would bring the workflow machines.
export { allowed, can, editsAsReviewer } from "./policy";

/**
 * Asks the policy and throws the refusal as an HTTP answer (403, 409 or 422
 * with the reason in Chinese): pages show it on their error page, the JSON
 * API as `{ error }`. Returns nothing when allowed.
 */
export function assertCan<A extends Action>(
  user: PolicyUser,
  action: A,
  subject: Subjects[A],
): void {
  const verdict = can(user, action, subject);
  if (verdict.ok) return;
  throw data(
    { message: verdict.refusal.message },
    { status: REFUSAL_STATUS[verdict.refusal.code] },
  );
}

/**
 * The first line of a loader or action that needs a permission: the signed-in
 * person (or off to /login), refused with the policy's reason when not allowed
 * (Epic Stack's requireUserWithPermission).
 */
export async function requireUserCan<A extends Action>(
  request: Request,
  action: A,
  subject: Subjects[A],
): Promise<SessionUser> {
  const user = await requireUser(request);
  assertCan(user, action, subject);
  return user;
}
