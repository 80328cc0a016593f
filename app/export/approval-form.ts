// The approval form (审批单) a town files with its published plan, built from
// the audit trail (workflow_events). Pure: the model reads the rows, this
// module decides where each event goes; the page, the Word file and the API
// show what it answers.
//
// Every approval step of the trail lands on the form exactly once:
// - a section's 送审 goes with what answered it (the leader's 通过, a 退回, or
//   the drafter's 撤回); one not yet answered waits as 待审核;
// - 开始统稿 is the coordinating office's 核稿 (统稿);
// - 提交镇长审核 goes with the mayor's decision (通过 → 镇长审定; 退回 →
//   退回记录);
// - the Party committee's decisions (审议通过, 原则通过 with its 完成修改)
//   carry the meeting's date and 届次;
// - every return (a leader's, the coordinating office's, the mayor's, the
//   committee's) is in 退回记录 with its reason, and a plan's return takes
//   along the sections it reopened;
// - 印发 with its 文号 and date, and each audited 文号 correction.
// Working steps that decide nothing (修改正文, 清稿, 催办) are not approvals and
// stay in the 审核记录 only (LEFT_OFF).
import type { PlanState } from "~workflows/plan";
import type { RecordedEvent } from "~workflows/labels";

import { formatDateKey } from "~/utils/dates";

import { formatDocumentDate } from "./layout";

/** One row of workflow_events as the form needs it (the model joins the actor). */
export type TrailEvent = {
  id: string;
  sectionId: string | null;
  /** The section's (or the plan's) title when the event was written. */
  subject: string;
  event: RecordedEvent;
  from: string;
  to: string;
  actor: Person;
  reason: string | null;
  /** The stored JSON of the event's details (meeting, 文号, reopened sections…). */
  details: string | null;
  /** ISO 8601 UTC. */
  at: string;
  /** Order among the events of one transaction (same `at`). */
  ordinal: number;
};

export type Person = { name: string; title: string | null };

export type ApprovalFormInput = {
  townName: string;
  plan: {
    title: string;
    state: PlanState;
    documentNumber: string | null;
    publishedOn: string | null;
    /** ISO 8601 UTC: the day the plan was opened. */
    createdAt: string;
  };
  /** Who opened the plan, and their office. */
  drafter: (Person & { department: string | null }) | null;
  /** The plan's sections as they are now (a section deleted since is absent). */
  sections: { id: string; department: string | null }[];
  events: TrailEvent[];
};

/** Who did it and when: the instant, and its calendar day in Beijing (YYYY-MM-DD). */
export type Act = { by: Person; at: string; date: string };

export type SectionReview = {
  eventIds: string[];
  sectionId: string | null;
  section: string;
  department: string | null;
  submitted: Act | null;
  /** The leader's 通过, the submitter's 撤回, or still waiting. */
  outcome: "approved" | "withdrawn" | "pending";
  decided: Act | null;
};

export type CompilingStep = { eventIds: string[]; started: Act };

export type MayorDecision = {
  eventIds: string[];
  /** 提交镇长审核 by the coordinating office. */
  submitted: Act | null;
  /** The mayor's 通过 (on to the Party committee), or still waiting. */
  outcome: "approved" | "pending";
  decided: Act | null;
};

export type Meeting = { date: string | null; number: string | null };

export type CommitteeDecision = {
  eventIds: string[];
  outcome: "approved" | "approvedWithAmendments";
  decided: Act;
  meeting: Meeting | null;
  opinions: string | null;
  /** 完成修改 after 原则通过, by the coordinating office. */
  amended: Act | null;
};

export type ReturnStage = "leaderReview" | "compiling" | "mayorReview" | "partyCommitteeReview";

export const RETURN_STAGE_LABELS: Record<ReturnStage, string> = {
  leaderReview: "分管领导审核",
  compiling: "统稿",
  mayorReview: "镇长审核",
  partyCommitteeReview: "党委会审议",
};

export type ReturnEntry = {
  eventIds: string[];
  stage: ReturnStage;
  /** A section's title, or the plan's for a plan's return. */
  subject: string;
  sectionId: string | null;
  /** A plan's return: the sections it reopened (all of them when none was named). */
  reopened: string[];
  whole: boolean;
  submitted: Act | null;
  returned: Act;
  reason: string;
  meeting: Meeting | null;
};

export type Publication = {
  eventIds: string[];
  published: Act;
  /** The day printed on the document (the 印发 dialog's date). */
  date: string;
  documentNumber: string | null;
};

export type NumberCorrection = {
  eventIds: string[];
  corrected: Act;
  previous: string | null;
  documentNumber: string | null;
  reason: string | null;
};

export type ApprovalForm = {
  /** "示例镇人民政府发文审批单" */
  heading: string;
  title: string;
  documentNumber: string | null;
  draftingOffice: string;
  drafter: Person | null;
  /** The day the plan was opened (YYYY-MM-DD, Beijing). */
  draftedOn: string;
  sectionReviews: SectionReview[];
  compiling: CompilingStep[];
  mayor: MayorDecision[];
  committee: CommitteeDecision[];
  returns: ReturnEntry[];
  publication: Publication | null;
  corrections: NumberCorrection[];
  /** Whether the plan is published: the form is complete only then. */
  complete: boolean;
};

/** Which part of the form takes each kind of event; null: not an approval step. */
export const FORM_PART: Record<RecordedEvent, keyof ApprovalForm | null> = {
  submit: "sectionReviews",
  withdraw: "sectionReviews",
  approve: "sectionReviews", // a section's; the plan's go to mayor or committee
  return: "returns",
  reopen: "returns",
  startCompiling: "compiling",
  submitToMayor: "mayor",
  approveWithAmendments: "committee",
  finalize: "committee",
  publish: "publication",
  correctDocumentNumber: "corrections",
  edit: null,
  cleanCopy: null,
  remind: null,
};

/** Events the form leaves to the 审核记录. */
export const LEFT_OFF = (Object.keys(FORM_PART) as RecordedEvent[]).filter(
  (event) => FORM_PART[event] === null,
);

/** The coordinating office, when the person who opened the plan has none on record. */
export const DEFAULT_DRAFTING_OFFICE = "党政办公室";

type Details = {
  documentNumber?: string;
  date?: string;
  previous?: string;
  sections?: string[];
  whole?: boolean;
  titles?: string[];
  meeting?: { date: string | null; number: string | null };
};

function detailsOf(event: TrailEvent): Details {
  if (!event.details) return {};
  try {
    const parsed: unknown = JSON.parse(event.details);
    return parsed && typeof parsed === "object" ? (parsed as Details) : {};
  } catch {
    return {};
  }
}

function act(event: TrailEvent): Act {
  return { by: event.actor, at: event.at, date: formatDateKey(event.at) };
}

function meetingOf(event: TrailEvent): Meeting | null {
  const meeting = detailsOf(event).meeting;
  return meeting ? { date: meeting.date ?? null, number: meeting.number ?? null } : null;
}

/** The trail in the order it happened: by time, then by position in its transaction. */
export function inOrder(events: readonly TrailEvent[]): TrailEvent[] {
  return [...events].sort((a, b) =>
    a.at === b.at ? a.ordinal - b.ordinal || a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1,
  );
}

/** Builds the form from the plan and its whole trail (in any order). */
export function buildApprovalForm(input: ApprovalFormInput): ApprovalForm {
  const departments = new Map(input.sections.map((s) => [s.id, s.department]));
  const form: ApprovalForm = {
    heading: `${input.townName}人民政府发文审批单`,
    title: input.plan.title,
    documentNumber: input.plan.state === "published" ? input.plan.documentNumber : null,
    draftingOffice: input.drafter?.department ?? DEFAULT_DRAFTING_OFFICE,
    drafter: input.drafter ? { name: input.drafter.name, title: input.drafter.title } : null,
    draftedOn: formatDateKey(input.plan.createdAt),
    sectionReviews: [],
    compiling: [],
    mayor: [],
    committee: [],
    returns: [],
    publication: null,
    corrections: [],
    complete: input.plan.state === "published",
  };

  // What is waiting for an answer: a section's 送审, the plan's 提交镇长审核.
  const pendingSubmit = new Map<string, TrailEvent>();
  let pendingMayor: TrailEvent | null = null;
  // The last plan return of each transaction, which its reopened sections join.
  const planReturns = new Map<string, ReturnEntry>();
  let lastAmendments: CommitteeDecision | null = null;

  for (const event of inOrder(input.events)) {
    if (FORM_PART[event.event] === null) continue;
    if (event.sectionId !== null) {
      const sectionId = event.sectionId;
      const department = departments.get(sectionId) ?? null;
      const submitted = pendingSubmit.get(sectionId) ?? null;
      switch (event.event) {
        case "submit":
          // A second 送审 without an answer between cannot happen; keep the first anyway.
          if (submitted) form.sectionReviews.push(waiting(submitted, department));
          pendingSubmit.set(sectionId, event);
          continue;
        case "approve":
        case "withdraw":
          pendingSubmit.delete(sectionId);
          form.sectionReviews.push({
            eventIds: [...(submitted ? [submitted.id] : []), event.id],
            sectionId,
            section: event.subject,
            department,
            submitted: submitted ? act(submitted) : null,
            outcome: event.event === "approve" ? "approved" : "withdrawn",
            decided: act(event),
          });
          continue;
        case "return":
          pendingSubmit.delete(sectionId);
          form.returns.push({
            eventIds: [...(submitted ? [submitted.id] : []), event.id],
            stage: "leaderReview",
            subject: event.subject,
            sectionId,
            reopened: [],
            whole: false,
            submitted: submitted ? act(submitted) : null,
            returned: act(event),
            reason: event.reason ?? "",
            meeting: null,
          });
          continue;
        case "reopen": {
          // Only an approved section is reopened; a 送审 still open would keep waiting.
          if (submitted) form.sectionReviews.push(waiting(submitted, department));
          pendingSubmit.delete(sectionId);
          const withPlan = planReturns.get(event.at);
          if (withPlan) {
            withPlan.eventIds.push(event.id);
            continue;
          }
          // A reopening without its plan's return on the trail stands on its own.
          form.returns.push({
            eventIds: [event.id],
            stage: stageOf(event.from),
            subject: event.subject,
            sectionId,
            reopened: [event.subject],
            whole: false,
            submitted: null,
            returned: act(event),
            reason: event.reason ?? "",
            meeting: null,
          });
          continue;
        }
        default:
          continue;
      }
    }

    switch (event.event) {
      case "startCompiling":
        form.compiling.push({ eventIds: [event.id], started: act(event) });
        break;
      case "submitToMayor":
        if (pendingMayor) form.mayor.push(mayorWaiting(pendingMayor));
        pendingMayor = event;
        break;
      case "approve":
        if (event.from === "mayorReview") {
          form.mayor.push({
            eventIds: [...(pendingMayor ? [pendingMayor.id] : []), event.id],
            submitted: pendingMayor ? act(pendingMayor) : null,
            outcome: "approved",
            decided: act(event),
          });
          pendingMayor = null;
        } else {
          form.committee.push(committee(event, "approved"));
        }
        break;
      case "approveWithAmendments":
        lastAmendments = committee(event, "approvedWithAmendments");
        form.committee.push(lastAmendments);
        break;
      case "finalize":
        if (lastAmendments && !lastAmendments.amended) {
          lastAmendments.amended = act(event);
          lastAmendments.eventIds.push(event.id);
        } else {
          // 完成修改 without a 原则通过 on the trail: shown on its own line.
          form.committee.push({
            eventIds: [event.id],
            outcome: "approvedWithAmendments",
            decided: act(event),
            meeting: null,
            opinions: null,
            amended: act(event),
          });
        }
        break;
      case "return": {
        const details = detailsOf(event);
        const fromMayor = event.from === "mayorReview" ? pendingMayor : null;
        if (fromMayor) pendingMayor = null;
        const entry: ReturnEntry = {
          eventIds: [...(fromMayor ? [fromMayor.id] : []), event.id],
          stage: stageOf(event.from),
          subject: event.subject,
          sectionId: null,
          reopened: details.titles ?? [],
          whole: details.whole ?? false,
          submitted: fromMayor ? act(fromMayor) : null,
          returned: act(event),
          reason: event.reason ?? "",
          meeting: meetingOf(event),
        };
        form.returns.push(entry);
        planReturns.set(event.at, entry);
        break;
      }
      case "publish": {
        const details = detailsOf(event);
        form.publication = {
          eventIds: [event.id],
          published: act(event),
          date: details.date ?? input.plan.publishedOn ?? formatDateKey(event.at),
          documentNumber: details.documentNumber ?? null,
        };
        break;
      }
      case "correctDocumentNumber": {
        const details = detailsOf(event);
        form.corrections.push({
          eventIds: [event.id],
          corrected: act(event),
          previous: details.previous ?? null,
          documentNumber: details.documentNumber ?? null,
          reason: event.reason,
        });
        break;
      }
      default:
        break;
    }
  }

  // Submissions still waiting for an answer, in the order they were made.
  const waitingSections = inOrder([...pendingSubmit.values()]);
  for (const submit of waitingSections) {
    form.sectionReviews.push(waiting(submit, departments.get(submit.sectionId ?? "") ?? null));
  }
  if (pendingMayor) form.mayor.push(mayorWaiting(pendingMayor));
  form.sectionReviews.sort((a, b) => byTime(decisive(a), decisive(b)));
  return form;
}

function waiting(submit: TrailEvent, department: string | null): SectionReview {
  return {
    eventIds: [submit.id],
    sectionId: submit.sectionId,
    section: submit.subject,
    department,
    submitted: act(submit),
    outcome: "pending",
    decided: null,
  };
}

function mayorWaiting(submit: TrailEvent): MayorDecision {
  return { eventIds: [submit.id], submitted: act(submit), outcome: "pending", decided: null };
}

function committee(event: TrailEvent, outcome: CommitteeDecision["outcome"]): CommitteeDecision {
  return {
    eventIds: [event.id],
    outcome,
    decided: act(event),
    meeting: meetingOf(event),
    opinions: event.reason,
    amended: null,
  };
}

function stageOf(from: string): ReturnStage {
  if (from === "compiling" || from === "mayorReview" || from === "partyCommitteeReview") {
    return from;
  }
  return "leaderReview";
}

/** A review's place in time: its answer, or its 送审 while it waits. */
function decisive(review: SectionReview): string {
  return (review.decided ?? review.submitted)?.at ?? "";
}

function byTime(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every event id the form shows, in the order of its parts. */
export function formEventIds(form: ApprovalForm): string[] {
  return [
    ...form.sectionReviews,
    ...form.compiling,
    ...form.mayor,
    ...form.committee,
    ...form.returns,
    ...(form.publication ? [form.publication] : []),
    ...form.corrections,
  ].flatMap((entry) => entry.eventIds);
}

// ---------------------------------------------------------------------------
// The form as rows of a printed table, shared by the page and the Word file.

/**
 * A row of the printed form: a label and its text, or a label over a small
 * table. "\n" in a text starts a new line.
 */
export type FormRow =
  | { kind: "text"; label: string; lines: string[] }
  | { kind: "pair"; cells: [string, string, string, string] }
  | {
      kind: "grid";
      label: string;
      columns: string[];
      /** Per column: whether its text may wrap (titles, reasons); names and days stay whole. */
      wraps: boolean[];
      rows: string[][];
      empty: string;
    };

export const ROW_LABELS = {
  title: "文件标题",
  documentNumber: "文号",
  draftingOffice: "拟稿单位",
  drafter: "拟稿人",
  sectionReviews: "章节审核（分管领导）",
  compiling: "统稿",
  mayor: "镇长审定",
  committee: "党委会审议",
  returns: "退回记录",
  publication: "印发",
} as const;

/** "张建国（副镇长）" */
export function personLabel(person: Person | null): string {
  if (!person) return "—";
  return person.title ? `${person.name}（${person.title}）` : person.name;
}

/**
 * A day as the form prints it: "1月5日" in the year of the form's last step
 * (the note under the table names that year), "2026年12月20日" in another.
 */
function dayIn(year: string) {
  return (date: string | null | undefined) => {
    if (!date) return "—";
    const full = formatDocumentDate(date);
    return date.startsWith(`${year}-`) ? full.replace(/^\d+年/, "") : full;
  };
}

/** The printed form, row by row. */
export function formRows(form: ApprovalForm): FormRow[] {
  const day = dayIn(formDate(form).slice(0, 4));
  const meetingLabel = (meeting: Meeting | null, sep = "\n") =>
    meeting ? [day(meeting.date), meeting.number].filter((part) => part !== "—").join(sep) : "—";
  const who = (step: Act | null) => (step ? `${step.by.name} ${day(step.date)}` : "—");

  const reviewed = form.sectionReviews.map((review) => [
    review.section,
    review.department ?? "—",
    who(review.submitted),
    review.outcome === "approved"
      ? who(review.decided)
      : review.outcome === "withdrawn"
        ? `送审人撤回 ${day(review.decided!.date)}`
        : "待审核",
  ]);
  const mayor = form.mayor.map((decision) => [
    who(decision.submitted),
    decision.decided ? who(decision.decided) : "待审核",
    decision.outcome === "approved" ? "同意，提交党委会审议" : "—",
  ]);
  const committee = form.committee.map((decision) => [
    meetingLabel(decision.meeting),
    `${decision.outcome === "approved" ? "审议通过" : "原则通过"}\n${who(decision.decided)}`,
    [decision.opinions, decision.amended ? `${who(decision.amended)}按意见修改完成` : null]
      .filter(Boolean)
      .join("\n") || "—",
  ]);
  const returns = form.returns.map((entry) => [
    RETURN_STAGE_LABELS[entry.stage],
    entry.sectionId
      ? entry.subject
      : entry.whole
        ? "整个计划"
        : entry.reopened.length
          ? entry.reopened.join("、")
          : entry.subject,
    [who(entry.returned), entry.submitted ? `（${day(entry.submitted.date)}送审）` : null]
      .filter(Boolean)
      .join("\n"),
    [entry.reason, entry.meeting ? `（${meetingLabel(entry.meeting, " ")}）` : null]
      .filter(Boolean)
      .join(""),
  ]);
  const documentNumber = form.documentNumber
    ? [
        form.documentNumber,
        ...form.corrections.map(
          (c) =>
            `${who(c.corrected)} 由 ${c.previous ?? "—"} 更正为 ${c.documentNumber ?? "—"}${
              c.reason ? `（${c.reason}）` : ""
            }`,
        ),
      ]
    : ["（印发时编号）"];
  const publication = form.publication
    ? [`${formatDocumentDate(form.publication.date)}印发（${who(form.publication.published)}办理）`]
    : ["尚未印发"];

  return [
    { kind: "text", label: ROW_LABELS.title, lines: [form.title] },
    { kind: "text", label: ROW_LABELS.documentNumber, lines: documentNumber },
    {
      kind: "pair",
      cells: [
        ROW_LABELS.draftingOffice,
        form.draftingOffice,
        ROW_LABELS.drafter,
        `${form.drafter?.name ?? "—"} ${formatDocumentDate(form.draftedOn)}`,
      ],
    },
    {
      kind: "grid",
      label: ROW_LABELS.sectionReviews,
      columns: ["章节", "起草科室", "送审", "审核通过"],
      wraps: [true, false, false, false],
      rows: reviewed,
      empty: "尚无章节送审",
    },
    {
      kind: "text",
      label: ROW_LABELS.compiling,
      lines: form.compiling.length
        ? form.compiling.map((step) => `${who(step.started)} 开始统稿`)
        : ["尚未统稿"],
    },
    {
      kind: "grid",
      label: ROW_LABELS.mayor,
      columns: ["呈报", "镇长审定", "意见"],
      wraps: [false, false, true],
      rows: mayor,
      empty: "尚未提交镇长审核",
    },
    {
      kind: "grid",
      label: ROW_LABELS.committee,
      columns: ["会议及届次", "结果及记录人", "审议意见"],
      wraps: [false, false, true],
      rows: committee,
      empty: "尚未经党委会审议",
    },
    {
      kind: "grid",
      label: ROW_LABELS.returns,
      columns: ["环节", "退回事项", "退回人", "退回理由"],
      wraps: [false, true, false, true],
      rows: returns,
      empty: "无",
    },
    { kind: "text", label: ROW_LABELS.publication, lines: publication },
  ];
}

/**
 * The day the form speaks for: its last recorded step (or the day the plan was
 * opened). The Word file is dated by it, so the same trail gives the same bytes.
 */
export function formDate(form: ApprovalForm): string {
  const acts = [
    ...form.sectionReviews.flatMap((r) => [r.submitted, r.decided]),
    ...form.compiling.map((c) => c.started),
    ...form.mayor.flatMap((m) => [m.submitted, m.decided]),
    ...form.committee.flatMap((c) => [c.decided, c.amended]),
    ...form.returns.flatMap((r) => [r.submitted, r.returned]),
    form.publication?.published ?? null,
    ...form.corrections.map((c) => c.corrected),
  ];
  return acts.reduce(
    (latest, act) => (act && act.date > latest ? act.date : latest),
    form.draftedOn,
  );
}

/** The note under the form: where it comes from, and up to which day. */
export function formNote(form: ApprovalForm): string {
  return `本审批单根据审核记录生成，记录截至${formatDocumentDate(formDate(form))}${
    form.complete ? "" : "（计划尚未印发）"
  }。`;
}
