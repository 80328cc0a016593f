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
  if (!file) return resourceRefusal(404, "该年度计划或章节不存在，或不属于您所在的镇。");
  if ("refused" in file) return resourceRefusal(404, file.refused);
  return docxResponse(file);
}
