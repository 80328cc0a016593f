import { apiUser, fail, parse, routes } from "~/api/http.server";
import { exportRequested } from "~/models/export.server";
import { ExportQuerySchema } from "~/utils/changes-validation";
import { docxResponse } from "~/utils/download.server";

// GET /api/v1/plans/{id}/export.docx — the same file and rules as the plan page's export;
// ?tracked=1&since=<snapshot id> (and &section=<id>) gives the 修订稿 with tracked changes.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const query = parse(ExportQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const file = await exportRequested(await apiUser(request), params.planId ?? "", query);
    if (!file) throw fail.noPlan();
    if ("refused" in file) throw fail.notFound(file.refused);
    return docxResponse(file);
  },
});
