import { apiUser, fail, routes } from "~/api/http.server";
import { revokeToken } from "~/models/api-token.server";

// DELETE /api/v1/tokens/{id} — revokes one of the caller's own tokens.
export const { loader, action } = routes({
  DELETE: async ({ request, params }) => {
    const user = await apiUser(request, { allowSession: true });
    if (!(await revokeToken(user, params.tokenId ?? "")))
      throw fail.notFound("令牌不存在或已撤销。");
    return { id: params.tokenId, revoked: true };
  },
});
