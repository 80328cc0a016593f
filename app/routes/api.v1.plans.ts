import { apiUser, fail, parse, readJson, routes } from "~/api/http.server";
import { CreatePlanBody } from "~/api/schemas";
import { planSummaryView, planView } from "~/api/views.server";
import { createPlan, listPlans } from "~/models/plan.server";

// GET /api/v1/plans, POST /api/v1/plans { year, kind, from } → 201 with the plan.
export const { loader, action } = routes({
  GET: async ({ request }) => {
    const user = await apiUser(request);
    return { plans: (await listPlans(user.townId)).map(planSummaryView) };
  },
  POST: async ({ request }) => {
    const user = await apiUser(request);
    if (!user.roles.includes("coordinator")) throw fail.forbidden("只有党政办能开启年度计划。");
    const body = parse(CreatePlanBody, await readJson(request, 16 * 1024));
    const result = await createPlan(
      { id: user.id, townId: user.townId, townName: user.townName },
      body,
    );
    if (!result.ok) {
      throw result.message.includes("已经建立")
        ? fail.conflict(result.message)
        : fail.invalid(result.message);
    }
    return Response.json(await planView(user, result.planId), { status: 201 });
  },
});
