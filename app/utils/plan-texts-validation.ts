import { requiredText, z } from "./validation";

/** The plan's own text and drafting deadline, as the settings page and the API take them. */
export const PlanTextsSchema = z.object({
  preamble: requiredText("形势与总体要求", 5000),
  closing: requiredText("结束语", 2000),
  deadline: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "截止日期格式应为 年-月-日")
    .nullish()
    .transform((value) => value || null),
});
