import { PLAN_KINDS } from "~templates/index";

import { isReportKind, REPORT_KINDS } from "~/progress/report-draft";
import { quoteOccurrence } from "~/utils/comment-validation";
import { planVersion } from "~/utils/plan-texts-validation";
import { TargetSchema } from "~/utils/target-validation";
import { requiredText, z } from "~/utils/validation";

const baseVersion = z.number({ error: "请提供 baseVersion（您看到的版本号，整数）" }).int().min(0);

export const TokenBody = z.object({ name: requiredText("令牌名称", 60) });

const PLAN_OR_REPORT_KINDS = [...PLAN_KINDS, ...REPORT_KINDS] as const;

/**
 * A plan { year, kind: 工作计划 | 工作要点, from: templates | previous | summary }, or a
 * report on a published plan { kind: 半年总结 | 年度总结, from: "plan:{id}" }
 * (its year is the plan's).
 */
export const CreatePlanBody = z
  .object({
    year: z
      .number({ error: "year 应为四位数字年份" })
      .int()
      .min(2000, "年度应在 2000 至 2100 之间")
      .max(2100, "年度应在 2000 至 2100 之间")
      .optional(),
    kind: z.enum(PLAN_OR_REPORT_KINDS, {
      error: "kind 只能是 工作计划、工作要点、半年总结 或 年度总结",
    }),
    from: z.string({ error: "请提供 from" }).max(100, "from 过长"),
  })
  .superRefine((body, ctx) => {
    if (isReportKind(body.kind)) {
      if (!/^plan:[\w-]+$/.test(body.from)) {
        ctx.addIssue({ code: "custom", path: ["from"], message: "总结的 from 应为 plan:{计划id}" });
      }
      return;
    }
    if (body.year === undefined) {
      ctx.addIssue({ code: "custom", path: ["year"], message: "请提供 year（四位数字年份）" });
    }
    if (!["templates", "previous", "summary"].includes(body.from)) {
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        message: "from 只能是 templates、previous 或 summary",
      });
    }
  });

/** POST /plans/import as multipart/form-data: a file or text, the year and kind, dryRun. */
export const ImportPlanBody = z.object({
  file: z
    .string()
    .meta({ format: "binary", description: ".docx 或 .txt 文件（不超过 10 MB）" })
    .optional(),
  text: z.string().max(500_000, "text 过长，请只提交计划正文").optional(),
  year: z
    .union([
      z.literal(""),
      z.coerce
        .number({ error: "year 应为四位数字年份" })
        .int()
        .min(2000, "年度应在 2000 至 2100 之间")
        .max(2100, "年度应在 2000 至 2100 之间"),
    ])
    .optional()
    .meta({ description: "不填则取文件标题中的年份" }),
  kind: z.enum(PLAN_KINDS, { error: "kind 只能是 工作计划 或 工作要点" }),
  dryRun: z
    .enum(["true", "false"], { error: "dryRun 只能是 true 或 false" })
    .optional()
    .meta({ description: "true：只返回识别结果，不保存" }),
});

export const ContentBody = z.object({
  content: z.union([z.string(), z.record(z.string(), z.unknown())], {
    error: "请提供 content（编辑器内容）",
  }),
  baseVersion,
});

/** Query of GET /plans/{id}/events: at most 500 events a page, newest first. */
export const EventsPage = z.object({
  limit: z.coerce
    .number({ error: "limit 应为数字" })
    .int("limit 应为整数")
    .min(1, "limit 至少为 1")
    .max(500, "limit 最多为 500")
    .default(500),
  offset: z.coerce
    .number({ error: "offset 应为数字" })
    .int("offset 应为整数")
    .min(0, "offset 不能为负数")
    .default(0),
});

const numeric = z
  .union([z.number(), z.string()], { error: "应为数字" })
  .transform((v) => String(v).trim());

/** A target row as scripts send it; validated by the same rules as the page's form. */
export const TargetBody = z.object({
  name: z.string({ error: "请填写指标名称" }),
  value: numeric,
  unit: z.string().optional(),
  qualifier: z
    .enum(["以上", "左右", "以内"], { error: "qualifier 只能是 以上、左右、以内 或 null" })
    .nullable()
    .optional(),
  baseline: numeric.nullable().optional(),
  department: z.string().nullable().optional(),
});

export const TargetsBody = z.object({
  targets: z.array(TargetBody, { error: "请提供 targets 数组" }).max(50, "预期目标不能超过 50 项"),
  baseVersion: planVersion,
});

export { TargetSchema };

export const CommentBody = z.union([
  z.object({ threadId: z.string().min(1), body: requiredText("回复内容", 2000) }),
  z.object({
    quote: requiredText("要提意见的文字", 500),
    occurrence: quoteOccurrence,
    body: requiredText("意见内容", 2000),
  }),
]);
