// Importing a plan: reading a file or pasted text into a preview (nothing is
// stored), then creating the plan from the same source with the kinds the
// coordinator chose.

import type { z } from "zod";

import { type SourceParagraph } from "~/import/clean-text";
import { decodeText } from "~/import/decode";
import { readDocx } from "~/import/docx.server";
import { type PlanPreview, readPlan } from "~/import/plan-text";
import type { Qualifier } from "~/import/targets";
import type { PolicyUser } from "~/policies/policy";
import { ImportSourceSchema } from "~/utils/import-validation";
import type { PlanKind } from "~templates/index";

import { listDepartments } from "./department.server";
import { createPlan, type CreatePlanResult } from "./plan.server";
import { listLeaders } from "./section.server";

export type ImportSource = z.infer<typeof ImportSourceSchema>;

export type PreviewResult =
  { ok: true; preview: PlanPreview; source: ImportSource } | { ok: false; message: string };

/** A .docx or .txt file, or pasted text, as a preview; refusals in Chinese. */
export async function previewImport(input: {
  file: { name: string; bytes: Uint8Array } | null;
  text: string | null;
}): Promise<PreviewResult> {
  let source: ImportSource;
  if (input.file && input.file.bytes.length > 0) {
    const name = input.file.name.toLowerCase();
    if (name.endsWith(".docx")) {
      const read = await readDocx(input.file.bytes);
      if (!read.ok) return read;
      source = { paragraphs: read.paragraphs };
    } else if (name.endsWith(".txt")) {
      const read = decodeText(input.file.bytes);
      if (!read.ok) return read;
      source = { text: read.text };
    } else if (name.endsWith(".doc") || name.endsWith(".wps")) {
      return { ok: false, message: "请先用 Word 或 WPS 将文件另存为 .docx，再导入。" };
    } else {
      return { ok: false, message: "只能导入 .docx 或 .txt 文件，也可以直接粘贴正文。" };
    }
  } else if (input.text?.trim()) {
    source = { text: input.text };
  } else {
    return { ok: false, message: "请选择要导入的文件，或粘贴计划正文。" };
  }
  return { ok: true, preview: readSource(source), source };
}

function readSource(source: ImportSource): PlanPreview {
  return readPlan("text" in source ? source.text : (source.paragraphs as SourceParagraph[]));
}

/** What the coordinator set in the preview, per section and per target. */
export interface ImportChoices {
  kinds: string[];
  /** Per section: an id, or "" for the town's default for the kind. */
  departments: string[];
  leaders: string[];
  targets: { name: string; value: string; unit: string; qualifier: Qualifier | null }[];
  /** Indexes of the targets to import. */
  keep: number[];
}

/** The plan, created from the source the preview showed, with what the coordinator chose. */
export async function confirmImport(
  user: PolicyUser & { townId: string; townName: string },
  input: { year: number; kind: PlanKind; source: string } & ImportChoices,
): Promise<CreatePlanResult> {
  const refuse = (message: string): CreatePlanResult => ({
    ok: false,
    status: 422,
    field: null,
    message,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.source);
  } catch {
    parsed = null;
  }
  const source = ImportSourceSchema.safeParse(parsed);
  if (!source.success) return refuse("导入的内容无法读取，请重新上传文件。");
  const [departments, leaders] = await Promise.all([
    listDepartments(user.townId),
    listLeaders(user.townId),
  ]);
  const departmentIds = new Set(departments.map((d) => d.id));
  const leaderIds = new Set(leaders.map((l) => l.id));
  if (input.departments.some((id) => id && !departmentIds.has(id))) {
    return refuse("所选起草科室不存在，请刷新页面后重新选择。");
  }
  if (input.leaders.some((id) => id && !leaderIds.has(id))) {
    return refuse("所选分管领导不存在或已停用，请刷新页面后重新选择。");
  }
  const preview = readSource(source.data);
  const sections = preview.sections.map((section, i) => ({
    ...section,
    kind: input.kinds[i] ?? section.kind,
    departmentId: input.departments[i] || undefined,
    leaderId: input.leaders[i] || undefined,
  }));
  const targets = input.targets.filter((_, i) => input.keep.includes(i));
  return createPlan(user, {
    year: input.year,
    kind: input.kind,
    from: "import",
    imported: { ...preview, sections, targets },
  });
}
