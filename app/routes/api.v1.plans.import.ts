import { apiUser, fail, parse, refusal, routes } from "~/api/http.server";
import { ImportPlanBody } from "~/api/schemas";
import { planView } from "~/api/views.server";
import { previewImport } from "~/models/plan-import.server";
import { createPlan } from "~/models/plan.server";
import { assertCan } from "~/policies/policy.server";

// POST /api/v1/plans/import (multipart/form-data: file or text, year, kind, dryRun):
// dryRun=true → 200 with what was read, nothing stored; else → 201 with the plan.
export const { loader, action } = routes({
  POST: async ({ request }) => {
    const user = await apiUser(request);
    assertCan(user, "plan.create", null);
    const form = await request.formData().catch(() => {
      throw fail.unsupported(
        "请以 multipart/form-data 提交：file（.docx 或 .txt）或 text，以及 year、kind、dryRun。",
      );
    });
    const fields = Object.fromEntries(
      [...form.entries()].filter(([, value]) => typeof value === "string"),
    );
    const input = parse(ImportPlanBody, fields);
    const file = form.get("file");
    const read = await previewImport({
      file:
        file && typeof file !== "string"
          ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
          : null,
      text: input.text ?? null,
    });
    if (!read.ok) throw fail.invalid(read.message);
    const preview = read.preview;
    if (input.dryRun === "true") {
      return {
        ...preview,
        kind: input.kind,
        sections: preview.sections.map((section) => ({
          title: section.title,
          kind: section.kind,
          text: section.blocks.map((block) => block.text).join("\n"),
          characters: section.characters,
        })),
      };
    }
    const year = input.year || preview.year;
    if (!year) throw fail.invalid("请提供 year：文件标题中没有年份。");
    const result = await createPlan(user, {
      year,
      kind: input.kind,
      from: "import",
      imported: preview,
    });
    if (!result.ok) throw refusal(result.status, result.message);
    return Response.json(await planView(user, result.planId), { status: 201 });
  },
});
