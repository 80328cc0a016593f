import type { ActionFunctionArgs } from "@remix-run/node";

import { heartbeat } from "~/models/presence.server";
import { getSection } from "~/models/section.server";
import { allowed } from "~/policies/policy.server";
import { getOptionalUser } from "~/utils/auth.server";

// The editor's heartbeat: POST every ~20 s while the section is open, and
// with ?leave=1 (sendBeacon) when the page goes away. Answers who else is there.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) {
    return Response.json(
      { error: { code: "unauthenticated", message: "登录已过期" } },
      { status: 401 },
    );
  }
  const section = await getSection(user.townId, params.sectionId ?? "");
  if (!section) {
    return Response.json({ error: { code: "not_found", message: "章节不存在" } }, { status: 404 });
  }
  const leaving = new URL(request.url).searchParams.get("leave") === "1";
  const others = await heartbeat(user, section.id, {
    editing: allowed(user, "section.edit", section),
    leaving,
  });
  return Response.json({ others: others ?? [] });
}
