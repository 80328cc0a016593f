import { PLAN_USER_EVENTS } from "~workflows/plan";
import { SECTION_USER_EVENTS } from "~workflows/section";

import { z } from "./validation";

const reason = z.string().trim().max(2000, "理由不能超过 2000 个字").optional();
const baseVersion = z.coerce.number({ error: "参数有误，请刷新页面后重试。" }).int().min(0);

export const SectionEventSchema = z.object({
  type: z.enum(SECTION_USER_EVENTS, { error: "不支持的操作" }),
  reason,
  baseVersion,
});

export const PlanEventSchema = z.object({
  type: z.enum(PLAN_USER_EVENTS, { error: "不支持的操作" }),
  reason,
  sections: z.array(z.string().min(1)).max(100).default([]),
  documentNumber: z.string().trim().max(60, "文号不能超过 60 个字").optional(),
  date: z.string().trim().optional(),
  baseVersion,
});

/** A posted form as the event schemas read it (sections may repeat). */
export function eventFields(formData: FormData) {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of formData) if (typeof value === "string") fields[key] = value;
  fields.sections = formData.getAll("sections").filter((v) => typeof v === "string");
  return fields;
}
