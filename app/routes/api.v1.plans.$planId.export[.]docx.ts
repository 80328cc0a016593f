import { apiUser, fail, routes } from "~/api/http.server";
import { exportPlan } from "~/models/export.server";
import { docxResponse } from "~/utils/download.server";

// GET /api/v1/plans/{id}/export.docx — the same file and rules as the plan page's export.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const file = await exportPlan(await apiUser(request), params.planId ?? "");
    if (!file) throw fail.noPlan();
    return docxResponse(file);
  },
});
