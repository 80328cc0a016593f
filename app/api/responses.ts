// What the API answers, as Zod schemas: the OpenAPI description is made from
// them (app/api/openapi.server.ts) and the fuzz test holds every answer to them.
import { PLAN_STATES } from "~workflows/plan";
import { ROLES } from "~workflows/roles";
import { SECTION_STATES } from "~workflows/section";

import { z } from "~/utils/validation";

const id = z.string().min(1);
const time = z
  .string()
  .meta({ description: "ISO 8601 时间（UTC）", example: "2027-01-05T02:14:00.000Z" });
const day = z.string().meta({ description: "日期 YYYY-MM-DD", example: "2027-01-15" });

export const ErrorAnswer = z
  .looseObject({
    error: z.object({
      code: z.string().meta({ example: "conflict" }),
      message: z.string().meta({
        description: "中文说明",
        example: "已由 张建国 于 14:02 通过，请刷新页面查看最新内容。",
      }),
    }),
  })
  .meta({ id: "Error" });

export const MeAnswer = z
  .object({
    id,
    username: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    town: z.object({ id, name: z.string() }),
    roles: z.array(z.enum(ROLES)),
    department: z.object({ id, name: z.string().nullable() }).nullable(),
  })
  .meta({ id: "Me" });

const PlanSummary = z.object({
  id,
  year: z.number().int(),
  kind: z.string(),
  title: z.string(),
  state: z.enum(PLAN_STATES),
});

export const PlanListAnswer = z.object({ plans: z.array(PlanSummary) }).meta({ id: "PlanList" });

export const PlanAnswer = PlanSummary.extend({
  version: z.number().int(),
  documentNumber: z.string().nullable(),
  publishedOn: day.nullable(),
  allowedEvents: z.array(z.string()).meta({ description: "调用者现在可以发送的事件" }),
  sections: z.array(
    z.object({
      id,
      kind: z.string(),
      order: z.number().int(),
      title: z.string(),
      department: z.string().nullable(),
      leader: z.string().nullable(),
      deadline: day.nullable(),
      state: z.enum(SECTION_STATES),
      version: z.number().int(),
      placeholdersLeft: z.number().int(),
      allowedEvents: z.array(z.string()),
    }),
  ),
}).meta({ id: "Plan" });

export const EventsAnswer = z
  .object({
    hasMore: z.boolean(),
    events: z.array(
      z.object({
        id,
        at: time,
        sectionId: z.string().nullable(),
        subject: z.string(),
        actor: z.object({ id, name: z.string() }),
        type: z.string(),
        from: z.string(),
        to: z.string(),
        reason: z.string().nullable(),
        note: z.string().nullable(),
        snapshot: z.object({ id, name: z.string().nullable() }).nullable(),
      }),
    ),
  })
  .meta({ id: "EventsPage" });

export const TransitionAnswer = z
  .object({ state: z.string(), version: z.number().int() })
  .meta({ id: "Transition" });

export const TextsAnswer = z
  .object({
    preamble: z.string(),
    closing: z.string(),
    deadline: day.nullable(),
    placeholders: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: "PlanTexts" });

export const TargetsAnswer = z
  .object({
    targets: z.array(
      z.object({
        id,
        name: z.string(),
        value: z.number(),
        unit: z.string(),
        qualifier: z.enum(["以上", "左右", "以内"]).nullable(),
        baseline: z.number().nullable(),
        department: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Targets" });

export const ProgressAnswer = z
  .object({
    progress: z.array(
      z.object({
        period: z.string(),
        actual: z.number(),
        note: z.string().nullable(),
        state: z.enum(["entered", "confirmed"]),
        enteredBy: z.string(),
        enteredAt: z.string(),
        confirmedBy: z.string().nullable(),
        confirmedAt: z.string().nullable(),
        version: z.number().int(),
      }),
    ),
    rating: z.enum(["超进度", "达进度", "欠进度"]).nullable(),
  })
  .meta({ id: "TargetProgress" });

export const CommitmentsAnswer = z
  .object({
    commitments: z.array(
      z.object({
        id,
        section: z.object({ id, title: z.string() }),
        name: z.string(),
        value: z.number(),
        unit: z.string(),
        qualifier: z.enum(["以上", "左右", "以内"]).nullable(),
        department: z.string().nullable(),
        source: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Commitments" });

export const SectionAnswer = z
  .object({
    id,
    planId: id,
    kind: z.string(),
    title: z.string(),
    state: z.enum(SECTION_STATES),
    version: z.number().int(),
    content: z.unknown().meta({ description: "Lexical 编辑器内容（JSON）" }),
    text: z.string(),
  })
  .meta({ id: "Section" });

export const SavedAnswer = z.object({ version: z.number().int() }).meta({ id: "Saved" });

export const RevisionsAnswer = z
  .object({
    revisions: z.array(
      z.object({
        id,
        version: z.number().int(),
        author: z.string().nullable(),
        characters: z.number().int(),
        reason: z.string().nullable(),
        createdAt: time,
        updatedAt: time,
      }),
    ),
  })
  .meta({ id: "Revisions" });

const Comment = z.object({ id, author: z.string(), body: z.string(), at: time });

export const ThreadsAnswer = z
  .object({
    threads: z.array(
      Comment.extend({
        quote: z.string(),
        occurrence: z.number().int(),
        resolved: z.object({ by: z.string(), at: time }).nullable(),
        orphaned: z.boolean(),
        heading: z.string().nullable(),
        canResolve: z.boolean(),
        replies: z.array(Comment),
      }),
    ),
  })
  .meta({ id: "Threads" });

export const TokensAnswer = z
  .object({
    tokens: z.array(
      z.object({ id, name: z.string(), createdAt: time, lastUsedAt: time.nullable() }),
    ),
  })
  .meta({ id: "Tokens" });

export const NewTokenAnswer = z
  .object({ id, name: z.string(), token: z.string().meta({ description: "只显示这一次" }) })
  .meta({ id: "NewToken" });

export const RevokedAnswer = z.object({ id, revoked: z.literal(true) }).meta({ id: "Revoked" });

export const OptionsAnswer = z.object({ methods: z.array(z.string()) });

const ChangeAuthor = z.object({ id: z.string(), name: z.string() });

export const ChangesAnswer = z
  .object({
    since: z.object({ id: z.string().nullable(), name: z.string(), at: time }),
    changes: z.array(
      z.object({
        id: z.number().int(),
        type: z.enum(["insert", "delete"]),
        /** "\n" stands for a paragraph break. */
        text: z.string(),
        author: ChangeAuthor,
        at: time,
      }),
    ),
    authors: z.array(
      z.object({
        author: ChangeAuthor,
        inserts: z.number().int(),
        deletes: z.number().int(),
      }),
    ),
  })
  .meta({ id: "Changes" });

/** POST /plans/import with dryRun=true: what was read, nothing stored. */
export const ImportPreviewAnswer = z
  .object({
    title: z.string().nullable(),
    year: z.number().int().nullable(),
    kind: z.string(),
    preamble: z.array(z.string()),
    closing: z.array(z.string()),
    targets: z.array(
      z.object({
        name: z.string(),
        value: z.string(),
        unit: z.string(),
        qualifier: z.enum(["以上", "左右", "以内"]).nullable(),
      }),
    ),
    sections: z.array(
      z.object({
        title: z.string(),
        kind: z.string(),
        /** The section's text, one line per heading or paragraph. */
        text: z.string(),
        characters: z.number().int(),
      }),
    ),
    skipped: z.array(z.object({ text: z.string(), reason: z.string() })),
    warnings: z.array(z.string()),
  })
  .meta({ id: "ImportPreview" });

const Person = z.object({ name: z.string(), title: z.string().nullable() });
/** Who did a step and when: the instant, and its calendar day in Beijing. */
const Act = z.object({ by: Person, at: time, date: day });
const eventIds = z
  .array(id)
  .meta({ description: "该项对应的审核记录事件（GET /plans/{id}/events 的 id）" });
const Meeting = z.object({ date: day.nullable(), number: z.string().nullable() });

/** GET /plans/{id}/approval: the 审批单, part by part, and as printed. */
export const ApprovalFormAnswer = z
  .object({
    planId: id,
    heading: z.string().meta({ example: "示例镇人民政府发文审批单" }),
    title: z.string(),
    documentNumber: z.string().nullable(),
    draftingOffice: z.string(),
    drafter: Person.nullable(),
    draftedOn: day,
    complete: z.boolean().meta({ description: "计划已印发，审批单完整" }),
    sectionReviews: z.array(
      z.object({
        eventIds,
        sectionId: z.string().nullable(),
        section: z.string(),
        department: z.string().nullable(),
        submitted: Act.nullable(),
        outcome: z.enum(["approved", "withdrawn", "pending"]),
        decided: Act.nullable(),
      }),
    ),
    compiling: z.array(z.object({ eventIds, started: Act })),
    mayor: z.array(
      z.object({
        eventIds,
        submitted: Act.nullable(),
        outcome: z.enum(["approved", "pending"]),
        decided: Act.nullable(),
      }),
    ),
    committee: z.array(
      z.object({
        eventIds,
        outcome: z.enum(["approved", "approvedWithAmendments"]),
        decided: Act,
        meeting: Meeting.nullable(),
        opinions: z.string().nullable(),
        amended: Act.nullable(),
      }),
    ),
    returns: z.array(
      z.object({
        eventIds,
        stage: z.enum(["leaderReview", "compiling", "mayorReview", "partyCommitteeReview"]),
        subject: z.string(),
        sectionId: z.string().nullable(),
        reopened: z.array(z.string()),
        whole: z.boolean(),
        submitted: Act.nullable(),
        returned: Act,
        reason: z.string(),
        meeting: Meeting.nullable(),
      }),
    ),
    publication: z
      .object({
        eventIds,
        published: Act,
        date: day,
        documentNumber: z.string().nullable(),
      })
      .nullable(),
    corrections: z.array(
      z.object({
        eventIds,
        corrected: Act,
        previous: z.string().nullable(),
        documentNumber: z.string().nullable(),
        reason: z.string().nullable(),
      }),
    ),
    rows: z
      .array(
        z.union([
          z.object({ kind: z.literal("text"), label: z.string(), lines: z.array(z.string()) }),
          z.object({ kind: z.literal("pair"), cells: z.array(z.string()).length(4) }),
          z.object({
            kind: z.literal("grid"),
            label: z.string(),
            columns: z.array(z.string()),
            wraps: z.array(z.boolean()),
            rows: z.array(z.array(z.string())),
            empty: z.string(),
          }),
        ]),
      )
      .meta({ description: "审批单逐行（与页面和 Word 文件相同），\\n 为换行" }),
    note: z.string(),
  })
  .meta({ id: "ApprovalForm" });
