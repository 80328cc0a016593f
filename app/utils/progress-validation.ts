// A target's figure for a period, as the progress page's forms and the API
// send it: validated once here (the machine decides who may send it).
import { PeriodSchema } from "~/progress/periods";

import { z } from "./validation";

const NUMBER = /^-?\d{1,12}(\.\d{1,4})?$/;

const baseVersion = z.coerce
  .number({ error: "缺少版本号，请刷新页面后重试。" })
  .int()
  .min(0, "版本号有误，请刷新页面后重试。");

export const ProgressEntrySchema = z.object({
  period: PeriodSchema,
  actual: z
    .union([z.number(), z.string()], { error: "请填写截至本期的完成数" })
    .transform((value) => String(value).trim())
    .refine((value) => value !== "", "请填写截至本期的完成数")
    .refine((value) => NUMBER.test(value), "完成数应为数字，如 3 或 6.5（不带单位）")
    .transform(Number),
  note: z
    .string()
    .trim()
    .max(200, "说明不能超过 200 个字")
    .optional()
    .transform((value) => value || null),
  baseVersion,
});

export const ProgressConfirmSchema = z.object({ period: PeriodSchema, baseVersion });
