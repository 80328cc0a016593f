import { apiUser, routes } from "~/api/http.server";
import { requireSection } from "~/api/views.server";
import { listRevisions } from "~/models/section.server";

// GET /api/v1/sections/{id}/revisions — newest first, without their content.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const section = await requireSection(user, params.sectionId);
    const revisions = await listRevisions(user.townId, section.id);
    return {
      revisions: revisions.map((r) => ({
        id: r.id,
        version: r.version,
        author: r.authorName,
        characters: r.characters,
        reason: r.reason,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      })),
    };
  },
});
