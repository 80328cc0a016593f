import { apiUser, fail, parse, readJson, routes } from "~/api/http.server";
import { requirePlan } from "~/api/views.server";
import { getPlanTexts, updatePlanTexts } from "~/models/plan.server";
import type { SessionUser } from "~/models/user.server";
import { PlanTextsSchema } from "~/utils/plan-texts-validation";

async function textsOf(user: SessionUser, planId: string) {
  const texts = await getPlanTexts(user.townId, planId);
  if (!texts) throw fail.noPlan();
  return texts;
}

// GET /api/v1/plans/{id}/texts — 形势与总体要求, 结束语 (one line per paragraph), deadline and
// the 【】 left in them; PUT (coordinator, while the plan is editable) { preamble, closing, deadline? }.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    return textsOf(user, plan.id);
  },
  PUT: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    if (!user.roles.includes("coordinator")) {
      throw fail.forbidden("只有党政办能修改形势与总体要求和结束语。");
    }
    const body = parse(PlanTextsSchema, await readJson(request, 64 * 1024));
    if (!(await updatePlanTexts(user.townId, plan.id, body))) {
      throw fail.conflict("计划当前状态下不能修改形势与总体要求和结束语。");
    }
    return textsOf(user, plan.id);
  },
});
