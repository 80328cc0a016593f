import { apiUser, parse, readJson, refusal, routes } from "~/api/http.server";
import { requireSection } from "~/api/views.server";
import { CommentBody } from "~/api/schemas";
import { addReply, addThread, listThreads } from "~/models/comment.server";

// GET /api/v1/sections/{id}/comments; POST { quote, occurrence?, body } starts a thread,
// { threadId, body } replies.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const section = await requireSection(user, params.sectionId);
    return { threads: await listThreads(user, section.id) };
  },
  POST: async ({ request, params }) => {
    const user = await apiUser(request);
    const sectionId = params.sectionId ?? "";
    const body = parse(CommentBody, await readJson(request, 64 * 1024));
    const result =
      "threadId" in body
        ? await addReply(user, sectionId, body.threadId, body.body)
        : await addThread(user, sectionId, body);
    if (!result.ok) throw refusal(result.status, result.message);
    return Response.json({ threads: await listThreads(user, sectionId) }, { status: 201 });
  },
});
