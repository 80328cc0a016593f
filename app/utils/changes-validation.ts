// What a person sends to act on tracked changes (修改痕迹): undo one change,
// undo all of one person's, or accept everything (清稿). One schema for the
// page's forms; the server recomputes the changes and checks the version.
import { z } from "./validation";

const baseVersion = z.coerce
  .number({ error: "缺少页面版本号，请刷新页面后重试。" })
  .int("缺少页面版本号，请刷新页面后重试。")
  .min(0, "缺少页面版本号，请刷新页面后重试。");

/** The baseline the page showed: a 存档稿's or a revision's id; empty for the default. */
const since = z
  .string()
  .max(64, "比较起点无效")
  .optional()
  .transform((value) => value || null);

export const ChangeActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("undo"),
      changeId: z.coerce.number({ error: "要撤销的修改无效" }).int().min(1).max(100_000),
      since,
      baseVersion,
    }),
    z.object({
      intent: z.literal("undoAuthor"),
      authorId: z.string().min(1, "要撤销谁的修改？").max(64),
      since,
      baseVersion,
    }),
    z.object({ intent: z.literal("cleanCopy"), since, baseVersion }),
  ],
  { error: "不支持的操作" },
);
export type ChangeAction = z.output<typeof ChangeActionSchema>;

/** The query of a 修改痕迹 page: where it starts, and whose changes it shows. */
export const ChangesQuerySchema = z.object({
  since: since,
  author: z
    .string()
    .max(64)
    .optional()
    .transform((value) => value || null),
});

/** The export's query: the plain file, or a 修订稿 (of the plan or one section) since a baseline. */
export const ExportQuerySchema = z.object({
  tracked: z.enum(["0", "1", "true", "false"], { error: "tracked 只能是 1 或 0" }).optional(),
  section: z
    .string()
    .max(64, "章节无效")
    .optional()
    .transform((value) => value || undefined),
  since: since,
});
export type ExportQuery = z.output<typeof ExportQuerySchema>;
