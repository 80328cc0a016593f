// What a person types with a workflow event — reasons, the committee's
// meeting and opinions, 文号 and dates — validated once, here, for the page
// forms and the JSON API alike. The machines then decide from who acts and
// the stored facts only.
import type { PlanState } from "~workflows/plan";

import { ISSUERS, PUBLICATION_FORMATS } from "~/export/publication";

import { isCalendarDate } from "./dates";
import { DOCUMENT_NUMBER, DOCUMENT_NUMBER_HINT } from "./document-number";
import { requiredText, z } from "./validation";

export { DOCUMENT_NUMBER, DOCUMENT_NUMBER_HINT };

const baseVersion = z.coerce
  .number({ error: "缺少页面版本号，请刷新页面后重试。" })
  .int("缺少页面版本号，请刷新页面后重试。")
  .min(0, "缺少页面版本号，请刷新页面后重试。");

/** 开始统稿 and 完成修改 may accept every tracked change at once (清稿): a checkbox, or true in JSON. */
const cleanCopy = z
  .union([z.boolean(), z.literal("on"), z.literal("true")], { error: "清稿选项无效" })
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** A reason keeps its line breaks; only the ends are trimmed. */
const reason = requiredText("退回理由", 2000);

export const SectionEventSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("submit"), baseVersion }),
    z.object({ type: z.literal("withdraw"), baseVersion }),
    z.object({ type: z.literal("approve"), baseVersion }),
    z.object({ type: z.literal("return"), reason, baseVersion }),
    z.object({ type: z.literal("remind"), baseVersion }),
  ],
  { error: "不支持的操作" },
);
export type SectionEventInput = z.output<typeof SectionEventSchema>;

export const documentNumber = z
  .string({ error: "请填写文号" })
  .trim()
  .min(1, "请填写文号")
  .max(40, "文号不能超过 40 个字")
  .regex(DOCUMENT_NUMBER, DOCUMENT_NUMBER_HINT);

function day(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .refine(isCalendarDate, `${label}不是有效的日期，请按 年-月-日 填写`);
}

/** A checkbox ("on"), or a boolean in JSON; absent is false. */
const flag = (label: string) =>
  z
    .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")], {
      error: `${label}选项无效`,
    })
    .optional()
    .transform((value) => value === true || value === "on" || value === "true");

/** 印发: how the document is issued (app/export/publication.ts); plain unless chosen. */
const publicationChoice = {
  format: z
    .enum(PUBLICATION_FORMATS, { error: "请选择印发格式：普通、文件式或通知式" })
    .default("plain"),
  issuer: z
    .enum(ISSUERS, { error: "请选择发文机关：镇人民政府、镇党委或联合" })
    .default("government"),
  sealed: flag("加盖印章"),
  publicRelease: flag("公开发布"),
};

const COMMITTEE_DECISIONS = new Set(["approve", "approveWithAmendments", "return"]);

/** Stored facts the input is checked against. */
export type PlanEventFacts = {
  /** The plan's state: the Party committee's decisions carry its meeting. */
  state: PlanState;
  /** Today in Beijing (YYYY-MM-DD): nothing is dated after it. */
  today: string;
  /** The day of the Party committee's approval, when there is one: 印发 cannot come before it. */
  committeeApprovedOn: string | null;
};

/**
 * The plan events' input for a plan in `facts.state`. One schema, built from
 * the stored facts, serves the dialogs and the API.
 */
export function planEventSchema(facts: PlanEventFacts) {
  const blankIsMissing = (value: unknown) => (value === "" ? undefined : value);
  const meeting = {
    meetingDate: z
      .preprocess(
        blankIsMissing,
        day("党委会的会议日期")
          .refine((value) => value <= facts.today, "会议日期不能晚于今天，请核对。")
          .optional(),
      )
      .optional(),
    meetingNumber: z.preprocess(blankIsMissing, requiredText("党委会的会议届次", 40).optional()),
  };

  const publishDate = day("印发日期")
    .refine((value) => value <= facts.today, "印发日期不能晚于今天，请核对。")
    .refine(
      (value) => !facts.committeeApprovedOn || value >= facts.committeeApprovedOn,
      `印发日期不能早于党委会审议通过的日期（${facts.committeeApprovedOn ?? ""}）。`,
    );

  return z
    .discriminatedUnion(
      "type",
      [
        z.object({ type: z.literal("startCompiling"), cleanCopy, baseVersion }),
        z.object({ type: z.literal("submitToMayor"), baseVersion }),
        z.object({ type: z.literal("approve"), ...meeting, baseVersion }),
        z.object({
          type: z.literal("approveWithAmendments"),
          ...meeting,
          opinions: requiredText("党委会审议意见", 4000),
          baseVersion,
        }),
        z.object({ type: z.literal("finalize"), cleanCopy, baseVersion }),
        z.object({
          type: z.literal("return"),
          reason,
          /** The sections to reopen; none named means the whole plan. */
          sections: z.array(z.string().min(1)).max(100, "退回的章节过多").default([]),
          ...meeting,
          baseVersion,
        }),
        z
          .object({
            type: z.literal("publish"),
            documentNumber,
            date: publishDate,
            ...publicationChoice,
            baseVersion,
          })
          .refine(
            (value) => DOCUMENT_NUMBER.exec(value.documentNumber)?.[2] === value.date.slice(0, 4),
            {
              message: "文号中的年份应与印发日期的年份一致。",
              path: ["documentNumber"],
            },
          ),
        z.object({
          type: z.literal("correctDocumentNumber"),
          documentNumber,
          reason: requiredText("更正原因", 500),
          baseVersion,
        }),
      ],
      { error: "不支持的操作" },
    )
    .superRefine((value, context) => {
      // DESIGN §3: each decision of the Party committee is recorded with its meeting.
      if (facts.state !== "partyCommitteeReview" || !COMMITTEE_DECISIONS.has(value.type)) return;
      const meeting = value as { meetingDate?: string; meetingNumber?: string };
      if (!meeting.meetingDate) {
        context.addIssue({
          code: "custom",
          path: ["meetingDate"],
          message: "请填写党委会的会议日期（年-月-日）。",
        });
      }
      if (!meeting.meetingNumber) {
        context.addIssue({
          code: "custom",
          path: ["meetingNumber"],
          message: "请填写党委会的会议届次。",
        });
      }
    });
}
export type PlanEventInput = z.output<ReturnType<typeof planEventSchema>>;

/** A posted form as the event schemas read it (sections may repeat). */
export function eventFields(formData: FormData) {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of formData) if (typeof value === "string") fields[key] = value;
  fields.sections = formData.getAll("sections").filter((v) => typeof v === "string");
  return fields;
}
