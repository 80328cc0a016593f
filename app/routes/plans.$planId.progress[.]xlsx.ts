import type { LoaderFunctionArgs } from "@remix-run/node";

import { progressWorkbook } from "~/models/target-progress.server";
import { requireUser } from "~/utils/auth.server";
import { xlsxResponse } from "~/utils/download.server";
import { resourceRefusal } from "~/utils/http.server";

// GET /plans/:planId/progress.xlsx — every target's figures and 进度 by period, as
// the county collects them, for whoever of the town reads the plan.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await progressWorkbook(user.townId, params.planId ?? "");
  if (!file) return resourceRefusal(404, "该年度计划不存在，或不属于您所在的镇。");
  return xlsxResponse(file);
}
