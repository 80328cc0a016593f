import { apiUser, fail, routes } from "~/api/http.server";
import { approvalFormView } from "~/api/views.server";
import { approvalFormFor } from "~/models/approval-form.server";
import { assertCan } from "~/policies/policy.server";

// GET /api/v1/plans/{id}/approval — the 审批单 built from the audit trail: each
// part's entries (with the events they stand for) and the rows as printed.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const found = await approvalFormFor(user.townId, params.planId ?? "");
    if (!found) throw fail.noPlan();
    assertCan(user, "plan.export", { state: found.plan.state });
    return approvalFormView(found.plan.id, found.form);
  },
});
