import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { destroySession } from "~/utils/session.server";

// Sign-out is a POST (a link that signs out could be triggered by any page).
export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}

export async function loader() {
  return redirect("/");
}
