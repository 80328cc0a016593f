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
  meetingDate: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "会议日期格式应为 年-月-日")
    .optional()
    .transform((v) => v || undefined),
  meetingNumber: z
    .string()
    .trim()
    .max(40, "会议届次不能超过 40 个字")
    .optional()
    .transform((v) => v || undefined),
  baseVersion,
});

/** A posted form as the event schemas read it (sections may repeat). */
export function eventFields(formData: FormData) {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of formData) if (typeof value === "string") fields[key] = value;
  fields.sections = formData.getAll("sections").filter((v) => typeof v === "string");
  return fields;
}
