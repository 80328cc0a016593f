import { requiredText, z } from "./validation";

/** Which appearance of the quoted words was selected (0 = the first; see app/editor/marks.ts). */
export const quoteOccurrence = z.coerce
  .number({ error: "occurrence 应为数字" })
  .int("occurrence 应为整数")
  .min(0, "occurrence 不能为负数")
  .max(100_000, "occurrence 过大")
  .default(0);

export const CommentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("comment"),
    quote: requiredText("要提意见的文字", 500),
    occurrence: quoteOccurrence,
    body: requiredText("意见内容", 2000),
  }),
  z.object({
    intent: z.literal("reply"),
    threadId: z.string().min(1),
    body: requiredText("回复内容", 2000),
  }),
  z.object({
    intent: z.enum(["resolve", "reopen-comment"]),
    threadId: z.string().min(1),
  }),
]);
