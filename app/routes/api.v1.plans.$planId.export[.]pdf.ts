import { ApiError, apiUser, fail, refusal, routes } from "~/api/http.server";
import { PDF_UNAVAILABLE, PdfError, pdfConverter } from "~/export/pdf.server";
import { exportPlanPdf } from "~/models/export.server";
import { pdfResponse, planIdParam } from "~/utils/download.server";

// GET /api/v1/plans/{id}/export.pdf — the published plan as a PDF (the Word file
// printed by LibreOffice); 409 before publication, 503 when the server has no
// LibreOffice or the conversion fails (the Word file is always there).
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const converter = pdfConverter();
    if (!converter.available()) throw new ApiError(503, "unavailable", PDF_UNAVAILABLE);
    const planId = planIdParam(params.planId);
    if (!planId) throw fail.noPlan();
    try {
      const file = await exportPlanPdf(user, planId, converter.toPdf);
      if (!file) throw fail.noPlan();
      if ("refused" in file) throw refusal(409, file.refused);
      return pdfResponse(file);
    } catch (error) {
      if (error instanceof PdfError) throw new ApiError(503, "unavailable", error.message);
      throw error;
    }
  },
});
