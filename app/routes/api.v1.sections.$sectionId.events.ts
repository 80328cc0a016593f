import { apiUser, parse, readJson, refusal, routes } from "~/api/http.server";
import { applySectionEvent } from "~/models/workflow/section-events.server";
import { SectionEventSchema } from "~/utils/workflow-validation";

// POST /api/v1/sections/{id}/events { type, reason?, baseVersion } → { state, version }
export const { loader, action } = routes({
  POST: async ({ request, params }) => {
    const user = await apiUser(request);
    const body = parse(SectionEventSchema, await readJson(request, 64 * 1024));
    const result = await applySectionEvent(user, params.sectionId ?? "", body);
    if (!result.ok) throw refusal(result.status, result.message);
    return { state: result.state, version: result.version };
  },
});
