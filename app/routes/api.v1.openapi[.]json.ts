import { openApiDocument } from "~/api/openapi.server";
import { routes } from "~/api/http.server";

// GET /api/v1/openapi.json — the description of this API (no token needed to read it).
export const { loader, action } = routes({
  GET: async () => openApiDocument(),
});
