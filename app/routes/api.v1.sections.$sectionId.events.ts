import { apiUser, parse, readJson, refusal, routes } from "~/api/http.server";
import { SectionEventBody } from "~/api/schemas";
import { applySectionEvent } from "~/models/workflow.server";

// POST /api/v1/sections/{id}/events { type, reason?, baseVersion } → { state, version }
export const { loader, action } = routes({
  POST: async ({ request, params }) => {
    const user = await apiUser(request);
    const body = parse(SectionEventBody, await readJson(request, 64 * 1024));
    const result = await applySectionEvent(user, params.sectionId ?? "", body);
    if (!result.ok) throw refusal(result.status, result.message);
    return { state: result.state, version: result.version };
  },
});
