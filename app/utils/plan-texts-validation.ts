import { optionalDay, requiredText, z } from "./validation";

/** The plan's `version` the person saw; every edit of the plan names it. */
export const planVersion = z.coerce
  .number({ error: "请提供 baseVersion（您看到的计划版本号）" })
  .int("请提供 baseVersion（您看到的计划版本号）")
  .min(0, "请提供 baseVersion（您看到的计划版本号）");

/** The plan's own text and drafting deadline, as the settings page and the API take them. */
export const PlanTextsSchema = z.object({
  preamble: requiredText("形势与总体要求", 5000),
  closing: requiredText("结束语", 2000),
  deadline: optionalDay("截止日期"),
  /** The plan's version the person saw (GET …/texts or the page): a stale edit is refused. */
  baseVersion: planVersion,
});
