import { apiUser, fail, routes } from "~/api/http.server";
import { planView } from "~/api/views.server";

// GET /api/v1/plans/{id}
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const plan = await planView(await apiUser(request), params.planId ?? "");
    if (!plan) throw fail.noPlan();
    return plan;
  },
});
