import { apiUser, refusal, routes } from "~/api/http.server";
import { commitmentsView, requirePlan } from "~/api/views.server";
import { untrackCommitment } from "~/models/commitment.server";

// DELETE /api/v1/plans/{id}/commitments/{commitmentId} — stops tracking a
// commitment (coordinator), while no figure has been entered for it.
export const { loader, action } = routes({
  DELETE: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    const result = await untrackCommitment(user, plan.id, params.commitmentId ?? "");
    if (!result.ok) throw refusal(result.status, result.message);
    return commitmentsView(user, plan.id);
  },
});
