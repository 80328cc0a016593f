import { apiUser, fail, parse, readJson, refusal, routes } from "~/api/http.server";
import { requirePlan } from "~/api/views.server";
import type { SessionUser } from "~/models/user.server";
import { enterProgress, getPlanProgress } from "~/models/target-progress.server";
import { ProgressEntrySchema } from "~/utils/progress-validation";

async function progressOf(user: SessionUser, planId: string, targetId: string | undefined) {
  const target = (await getPlanProgress(user.townId, planId))?.targets.find(
    (t) => t.id === targetId,
  );
  if (!target) throw fail.notFound("该目标不存在。");
  return {
    progress: target.figures.map((f) => ({
      period: f.period,
      actual: f.actual,
      note: f.note,
      state: f.state,
      enteredBy: f.enteredByName,
      enteredAt: f.enteredAt,
      confirmedBy: f.confirmedByName,
      confirmedAt: f.confirmedAt,
      version: f.version,
    })),
    rating: target.assessment?.rating ?? null,
  };
}

// GET /api/v1/plans/{id}/targets/{targetId}/progress — the target's figures by
// period and its 进度; PUT { period, actual, note?, baseVersion } enters or
// corrects a figure (the target's department; 0 for a new figure, 409 when stale).
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    return progressOf(user, plan.id, params.targetId);
  },
  PUT: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    const body = parse(ProgressEntrySchema, await readJson(request, 16 * 1024));
    const result = await enterProgress(user, plan.id, params.targetId ?? "", body);
    if (!result.ok) throw refusal(result.status, result.message);
    return progressOf(user, plan.id, params.targetId);
  },
});
