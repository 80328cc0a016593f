import type { LoaderFunctionArgs } from "@remix-run/node";

import { exportRequested } from "~/models/export.server";
import { requireUser } from "~/utils/auth.server";
import { ExportQuerySchema } from "~/utils/changes-validation";
import { docxResponse } from "~/utils/download.server";
import { resourceRefusal } from "~/utils/http.server";

// GET /plans/:planId/export.docx — anyone of the town who can read the plan may
// export it: a draft (征求意见稿) before approval, the final document after;
// ?tracked=1 (&section=, &since=) gives the 修订稿 with Word tracked changes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = ExportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return resourceRefusal(400, query.error.issues[0]?.message ?? "参数有误。");
  const file = await exportRequested(user, params.planId ?? "", query.data);
  if (!file) {
    const what = query.data.section ? "该章节不在这个年度计划中" : "该年度计划不存在";
    return resourceRefusal(404, `${what}，或不属于您所在的镇。`);
  }
  if ("refused" in file) return resourceRefusal(404, file.refused);
  return docxResponse(file);
}
