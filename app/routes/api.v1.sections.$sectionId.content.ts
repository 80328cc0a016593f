import { apiUser, fail, parse, readJson, refusal, routes } from "~/api/http.server";
import { ContentBody } from "~/api/schemas";
import { saveSectionContent } from "~/models/section.server";
import { formatDateTime } from "~/utils/format";

// PUT /api/v1/sections/{id}/content { content, baseVersion } → { version }
export const { loader, action } = routes({
  PUT: async ({ request, params }) => {
    const user = await apiUser(request);
    const body = parse(ContentBody, await readJson(request));
    const result = await saveSectionContent(
      user,
      params.sectionId ?? "",
      body.content,
      body.baseVersion,
    );
    switch (result.status) {
      case "saved":
      case "unchanged":
        return { version: result.version };
      case "conflict":
        throw fail.conflict(
          `内容已由 ${result.savedBy ?? "他人"} 于 ${formatDateTime(result.savedAt)} 保存为第 ${result.version} 版，请取最新内容后再改。`,
          { version: result.version, savedBy: result.savedBy, savedAt: result.savedAt },
        );
      case "forbidden":
        throw fail.forbidden(result.reason);
      case "invalid":
        throw refusal(result.httpStatus, result.message);
      case "missing":
        throw fail.noSection();
    }
  },
});
