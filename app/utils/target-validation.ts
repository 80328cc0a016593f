import { planVersion } from "./plan-texts-validation";
import { requiredText, z } from "./validation";

export const TARGET_UNITS = ["%", "亿元", "万元", "元", "个", "亩", "公里"] as const;
export const TARGET_QUALIFIERS = ["以上", "左右", "以内"] as const;

const NUMBER = /^-?\d+(\.\d+)?$/;

/** One row of 主要预期目标, as the coordinator enters it. */
export const TargetSchema = z.object({
  name: requiredText("指标名称", 40),
  value: z.string({ error: "请填写目标值" }).trim().regex(NUMBER, "目标值应为数字，如 6 或 3.2"),
  unit: z
    .string()
    .trim()
    .max(10, "单位不能超过 10 个字")
    .optional()
    .transform((value) => value ?? ""),
  qualifier: z
    .enum(TARGET_QUALIFIERS, { error: "限定词只能是 以上、左右、以内 或不填" })
    .optional()
    .transform((value) => value ?? null),
  baseline: z
    .string()
    .trim()
    .regex(NUMBER, "上年实际应为数字")
    .optional()
    .transform((value) => value ?? null),
  departmentId: z
    .string()
    .optional()
    .transform((value) => value || null),
});

export const TargetsSchema = z.object({
  /** A ticked checkbox arrives as "on"; unticked it is absent. */
  asTable: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  targets: z
    .array(TargetSchema)
    .max(50, "预期目标不能超过 50 项")
    .optional()
    .transform((v) => v ?? []),
  baseVersion: planVersion,
});

/** A section's commitment the coordinator tracks after 印发 (its sentence kept as said). */
export const CommitmentSchema = TargetSchema.pick({
  name: true,
  value: true,
  unit: true,
  qualifier: true,
}).extend({
  sectionId: z.string({ error: "请选择工作任务所在的章节" }).min(1, "请选择工作任务所在的章节"),
  source: z
    .string()
    .trim()
    .max(200, "原文不能超过 200 个字")
    .optional()
    .transform((value) => value || null),
});
