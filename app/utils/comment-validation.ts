import { requiredText, z } from "./validation";

export const CommentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("comment"),
    quote: requiredText("要提意见的文字", 500),
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
