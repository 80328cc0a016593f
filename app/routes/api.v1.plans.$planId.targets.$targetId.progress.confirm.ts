import { parse, apiUser, readJson, refusal, routes } from "~/api/http.server";
import { progressView, requirePlan } from "~/api/views.server";
import { confirmProgress } from "~/models/target-progress.server";
import { ProgressConfirmSchema } from "~/utils/progress-validation";

// POST /api/v1/plans/{id}/targets/{targetId}/progress/confirm { period, baseVersion } —
// the leader confirms a figure as entered (never the one who entered it); 409 when stale.
export const { loader, action } = routes({
  POST: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    const body = parse(ProgressConfirmSchema, await readJson(request, 4 * 1024));
    const result = await confirmProgress(user, plan.id, params.targetId ?? "", body);
    if (!result.ok) throw refusal(result.status, result.message);
    return progressView(user, plan.id, params.targetId);
  },
});
