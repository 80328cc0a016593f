import { apiUser, fail, routes } from "~/api/http.server";
import { sectionView } from "~/api/views.server";

// GET /api/v1/sections/{id} → { id, kind, state, version, content, text }
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const section = await sectionView(await apiUser(request), params.sectionId ?? "");
    if (!section) throw fail.noSection();
    return section;
  },
});
