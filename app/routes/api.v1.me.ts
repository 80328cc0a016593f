import { apiUser, routes } from "~/api/http.server";
import { meView } from "~/api/views.server";

// GET /api/v1/me
export const { loader, action } = routes({
  GET: async ({ request }) => meView(await apiUser(request)),
});
