import type { ActionFunctionArgs } from "@remix-run/node";

import { MAX_CONTENT_BYTES } from "~/editor/content.server";
import { saveSectionContent } from "~/models/section.server";
import { getOptionalUser } from "~/utils/auth.server";
import { z } from "~/utils/validation";

// The editor's autosave: POST { content, baseVersion } as JSON, answered in JSON.

const SaveSchema = z.object({
  content: z.union([z.string(), z.record(z.string(), z.unknown())]),
  baseVersion: z.number().int().positive(),
});

// Resource routes answer with real Responses: Remix's data() is for route
// loaders and actions, and would reach fetch() as a 200 wrapper here.
function fail(status: number, code: string, message: string, extra: object = {}) {
  return Response.json({ error: { code, message }, ...extra }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user)
    return fail(
      401,
      "unauthenticated",
      "登录已过期，请在新标签页重新登录后回到本页，内容已暂存在本机。",
    );
  if (request.method !== "POST") return fail(405, "method_not_allowed", "不支持这种访问方式。");
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_CONTENT_BYTES + 1024) {
    return fail(413, "too_large", "内容超过 2 MB，无法保存。请删减后再试。");
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return fail(400, "malformed_json", "请求内容不是有效的 JSON。");
  }
  const parsed = SaveSchema.safeParse(body);
  if (!parsed.success) return fail(422, "invalid_request", "缺少内容或版本号。");

  const result = await saveSectionContent(
    user,
    params.sectionId ?? "",
    parsed.data.content,
    parsed.data.baseVersion,
  );
  switch (result.status) {
    case "saved":
      return Response.json({ version: result.version, savedAt: result.savedAt });
    case "unchanged":
      return Response.json({ version: result.version, savedAt: null });
    case "conflict":
      return fail(409, "version_conflict", `本章节已由${result.savedBy ?? "他人"}保存了新版本。`, {
        version: result.version,
        savedBy: result.savedBy,
        savedAt: result.savedAt,
        content: result.content,
      });
    case "forbidden":
      return fail(403, "forbidden", result.reason);
    case "invalid":
      return fail(
        result.httpStatus,
        result.httpStatus === 413 ? "too_large" : "invalid_content",
        result.message,
      );
    case "missing":
      return fail(404, "not_found", "章节不存在，或不属于您所在的镇。");
  }
}
