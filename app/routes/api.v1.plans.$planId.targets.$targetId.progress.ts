import { apiUser, parse, readJson, refusal, routes } from "~/api/http.server";
import { progressView, requirePlan } from "~/api/views.server";
import { enterProgress } from "~/models/target-progress.server";
import { ProgressEntrySchema } from "~/utils/progress-validation";

// GET /api/v1/plans/{id}/targets/{targetId}/progress — the target's figures by
// period and its 进度; PUT { period, actual, note?, baseVersion } enters or
// corrects a figure (the target's department; 0 for a new figure, 409 when stale).
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    return progressView(user, plan.id, params.targetId);
  },
  PUT: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    const body = parse(ProgressEntrySchema, await readJson(request, 16 * 1024));
    const result = await enterProgress(user, plan.id, params.targetId ?? "", body);
    if (!result.ok) throw refusal(result.status, result.message);
    return progressView(user, plan.id, params.targetId);
  },
});
