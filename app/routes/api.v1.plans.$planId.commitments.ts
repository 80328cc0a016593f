import { apiUser, parse, readJson, refusal, routes } from "~/api/http.server";
import { commitmentsView, requirePlan } from "~/api/views.server";
import { trackCommitment } from "~/models/commitment.server";
import { CommitmentSchema } from "~/utils/target-validation";

// GET /api/v1/plans/{id}/commitments — the sections' commitments tracked after 印发;
// POST { sectionId, name, value, unit, qualifier?, source? } (coordinator) tracks one → 201.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    return commitmentsView(user, plan.id);
  },
  POST: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    const body = parse(CommitmentSchema, await readJson(request, 8 * 1024));
    const result = await trackCommitment(user, plan.id, body);
    if (!result.ok) throw refusal(result.status, result.message);
    return Response.json(await commitmentsView(user, plan.id), { status: 201 });
  },
});
