import type { LoaderFunctionArgs } from "@remix-run/node";

import { approvalFormFile, approvalFormFor } from "~/models/approval-form.server";
import { can } from "~/policies/policy.server";
import { REFUSAL_STATUS } from "~/policies/policy";
import { requireUser } from "~/utils/auth.server";
import { docxResponse } from "~/utils/download.server";
import { resourceRefusal } from "~/utils/http.server";

// GET /plans/:planId/approval.docx — the 审批单 as a Word file (one A4 table in
// the town's official fonts), for whoever of the town may export the plan.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await approvalFormFor(user.townId, params.planId ?? "");
  if (!found) return resourceRefusal(404, "该年度计划不存在，或不属于您所在的镇。");
  const verdict = can(user, "plan.export", { state: found.plan.state });
  if (!verdict.ok) {
    return resourceRefusal(REFUSAL_STATUS[verdict.refusal.code], verdict.refusal.message);
  }
  return docxResponse(await approvalFormFile(found));
}
