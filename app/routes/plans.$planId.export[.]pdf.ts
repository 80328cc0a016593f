import type { LoaderFunctionArgs } from "@remix-run/node";

import { PDF_UNAVAILABLE, PdfError, pdfConverter } from "~/export/pdf.server";
import { exportPlanPdf } from "~/models/export.server";
import { requireUser } from "~/utils/auth.server";
import { pdfResponse, planIdParam } from "~/utils/download.server";
import { resourceRefusal } from "~/utils/http.server";

// GET /plans/:planId/export.pdf — the published plan (印发稿) as a PDF: the Word
// file the app exports, printed by LibreOffice on the server. Anyone of the town
// who can read the plan may download it, as with the Word file; 503 when the
// server has no LibreOffice (the plan page then shows no PDF button).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const converter = pdfConverter();
  if (!converter.available()) return resourceRefusal(503, PDF_UNAVAILABLE);
  const planId = planIdParam(params.planId);
  const notFound = "该年度计划不存在，或不属于您所在的镇。";
  if (!planId) return resourceRefusal(404, notFound);
  try {
    const file = await exportPlanPdf(user, planId, converter.toPdf);
    if (!file) return resourceRefusal(404, notFound);
    if ("refused" in file) return resourceRefusal(409, file.refused);
    return pdfResponse(file);
  } catch (error) {
    if (error instanceof PdfError) return resourceRefusal(503, error.message);
    throw error;
  }
}
