import { optionalDay, requiredText, z } from "./validation";

const optionalId = z
  .string()
  .optional()
  .transform((value) => value || null);

/** Title, department, leader and deadline of a section, as the coordinator sets them. */
export const SectionSettingsSchema = z.object({
  title: requiredText("章节名称", 40),
  departmentId: optionalId,
  leaderId: optionalId,
  deadline: optionalDay("截止日期"),
});
