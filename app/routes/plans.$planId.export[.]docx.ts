import type { LoaderFunctionArgs } from "@remix-run/node";

import { exportPlan } from "~/models/export.server";
import { requireUser } from "~/utils/auth.server";
import { docxResponse } from "~/utils/download.server";
import { resourceRefusal } from "~/utils/http.server";

// GET /plans/:planId/export.docx — anyone of the town who can read the plan may
// export it: a draft (征求意见稿) before approval, the final document after.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await exportPlan(user, params.planId ?? "");
  if (!file) return resourceRefusal(404, "该年度计划不存在，或不属于您所在的镇。");
  return docxResponse(file);
}
