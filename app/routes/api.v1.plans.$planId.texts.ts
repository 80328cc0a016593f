import { apiUser, fail, parse, readJson, refusal, routes } from "~/api/http.server";
import { requirePlan } from "~/api/views.server";
import { getPlanTexts, updatePlanTexts } from "~/models/plan.server";
import type { SessionUser } from "~/models/user.server";
import { assertCan } from "~/policies/policy.server";
import { PlanTextsSchema } from "~/utils/plan-texts-validation";

async function textsOf(user: SessionUser, planId: string) {
  const texts = await getPlanTexts(user.townId, planId);
  if (!texts) throw fail.noPlan();
  return texts;
}

// GET /api/v1/plans/{id}/texts — 形势与总体要求, 结束语 (one line per paragraph), deadline, the
// 【】 left in them and the plan's version; PUT (coordinator, while the plan is editable)
// { preamble, closing, deadline?, baseVersion } — 409 when the plan changed since baseVersion.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    return textsOf(user, plan.id);
  },
  PUT: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    assertCan(user, "plan.edit", plan);
    const { baseVersion, ...texts } = parse(PlanTextsSchema, await readJson(request, 64 * 1024));
    const result = await updatePlanTexts(user, plan.id, texts, baseVersion);
    if (!result.ok) throw refusal(result.status, result.message);
    return textsOf(user, plan.id);
  },
});
