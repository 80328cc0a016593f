import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

import { requireUserCan } from "~/policies/policy.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserCan(request, "town.administer", null);
  return redirect("/admin/users");
}
