import { apiUser, parse, readJson, routes } from "~/api/http.server";
import { TokenBody } from "~/api/schemas";
import { createToken, listTokens } from "~/models/api-token.server";
import { assertCan } from "~/policies/policy.server";

// GET /api/v1/tokens, POST /api/v1/tokens { name } → 201 { id, name, token } (shown once).
// The signed-in browser may call these too: that is how the profile page makes tokens.
export const { loader, action } = routes({
  GET: async ({ request }) => {
    const user = await apiUser(request, { allowSession: true });
    return { tokens: await listTokens(user.id) };
  },
  POST: async ({ request }) => {
    const user = await apiUser(request, { allowSession: true });
    assertCan(user, "token.create", null);
    const body = parse(TokenBody, await readJson(request, 16 * 1024));
    return Response.json(await createToken(user.id, body.name), { status: 201 });
  },
});
