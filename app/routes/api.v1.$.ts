import { fail, routes } from "~/api/http.server";

// Any other address under /api/v1 answers in JSON too, never with the HTML 404 page.
const missing = async () => {
  throw fail.notFound("没有这个接口，接口说明见 /api/v1/openapi.json。");
};
export const { loader, action } = routes({
  GET: missing,
  POST: missing,
  PUT: missing,
  DELETE: missing,
});
