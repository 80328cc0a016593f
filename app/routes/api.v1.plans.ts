import { apiUser, parse, readJson, refusal, routes } from "~/api/http.server";
import { CreatePlanBody } from "~/api/schemas";
import { planSummaryView, planView } from "~/api/views.server";
import { createPlan, listPlans } from "~/models/plan.server";
import { createReport } from "~/models/report.server";
import { assertCan } from "~/policies/policy.server";
import { isReportKind } from "~/progress/report-draft";

// GET /api/v1/plans, POST /api/v1/plans { year, kind, from } → 201 with the plan; a report
// (半年总结, 年度总结) on a published plan: { kind, from: "plan:{id}" }.
export const { loader, action } = routes({
  GET: async ({ request }) => {
    const user = await apiUser(request);
    return { plans: (await listPlans(user.townId)).map(planSummaryView) };
  },
  POST: async ({ request }) => {
    const user = await apiUser(request);
    assertCan(user, "plan.create", null);
    const body = parse(CreatePlanBody, await readJson(request, 16 * 1024));
    const result = isReportKind(body.kind)
      ? await createReport(user, { kind: body.kind, sourcePlanId: body.from.slice(5) })
      : await createPlan(user, {
          year: body.year!,
          kind: body.kind,
          from: body.from as "templates" | "previous" | "summary",
        });
    if (!result.ok) throw refusal(result.status, result.message);
    return Response.json(await planView(user, result.planId), { status: 201 });
  },
});
