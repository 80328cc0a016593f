import { SECTION_KINDS } from "~templates/section-kinds";
import { PLAN_KINDS } from "~templates/index";

import { TargetSchema } from "./target-validation";
import { z } from "./validation";

/** Pasted text: a whole plan, not more. */
const MAX_PASTED = 500_000;

const year = z.coerce
  .number({ error: "请填写年度（四位数字）" })
  .int("年度应为整数")
  .min(2000, "年度应在 2000 至 2100 之间")
  .max(2100, "年度应在 2000 至 2100 之间");

const kind = z.enum(PLAN_KINDS, { error: "请选择计划类型" });

/** 识别: a file (read separately) or pasted text; the year may come from the document. */
export const ImportPreviewSchema = z.object({
  intent: z.literal("preview"),
  kind,
  year: z.union([z.literal(""), year]).optional(),
  text: z.string().max(MAX_PASTED, "粘贴的文字过长，请只粘贴计划正文").optional(),
});

/** What was read, carried from the preview to the confirmation. */
export const ImportSourceSchema = z.union([
  z.object({ text: z.string().max(MAX_PASTED * 4) }),
  z.object({
    paragraphs: z
      .array(
        z.object({
          text: z.string().max(100_000),
          heading: z.number().int().min(1).max(9).optional(),
          bold: z.boolean().optional(),
          table: z
            .array(z.array(z.string().max(10_000)).max(50))
            .max(500)
            .optional(),
        }),
      )
      .max(20_000),
  }),
]);

/** 确认导入: the year and kind, what was read, and each section's kind as chosen. */
export const ImportConfirmSchema = z.object({
  intent: z.literal("confirm"),
  year,
  kind,
  source: z.string().max(MAX_PASTED * 8, "导入的内容过长"),
  kinds: z.array(z.enum([...SECTION_KINDS, "custom"], { error: "章节类型无效" })).max(100),
  /** Per section: a department's or leader's id, or "" for the kind's default. */
  departments: z.array(z.string().max(64)).max(100),
  leaders: z.array(z.string().max(64)).max(100),
  /** The targets as edited; only the rows whose index is in `keep` are imported. */
  targets: z
    .array(TargetSchema.pick({ name: true, value: true, unit: true, qualifier: true }))
    .max(50, "预期目标不能超过 50 项"),
  keep: z.array(z.coerce.number().int().min(0)).max(50),
});
