import { apiUser, fail, parse, routes } from "~/api/http.server";
import { requireSection } from "~/api/views.server";
import { changesOf } from "~/models/changes.server";
import { ChangesQuerySchema } from "~/utils/changes-validation";

// GET /api/v1/sections/{id}/changes?since=<snapshot or revision id> — every insertion and
// deletion since the baseline (the caller's default when absent), each with its author.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const section = await requireSection(user, params.sectionId);
    const query = parse(ChangesQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const view = await changesOf(user, section, query.since);
    if (!view) throw fail.notFound("没有找到所选的比较起点，它可能不属于本章节。");
    return {
      since: { id: view.baseline.id, name: view.baseline.name, at: view.baseline.at },
      changes: view.tracked.changes.map((c) => ({
        id: c.id,
        type: c.type,
        text: c.text,
        author: c.author,
        at: c.at,
      })),
      authors: view.tracked.authors,
    };
  },
});
