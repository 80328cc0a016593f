import { setup } from "xstate";

import { type Actor, actorHas } from "./actor";
import { type Check, firstRefusal, refuse } from "./decide";
import type { Role } from "./roles";

/**
 * The assembled plan's way through 统稿, the mayor and the Party committee to
 * publication (DESIGN §4). Pure, like the section machine.
 */
export const PLAN_STATES = [
  "drafting",
  "compiling",
  "mayorReview",
  "partyCommitteeReview",
  "amending",
  "approved",
  "published",
] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const PLAN_STATE_LABELS: Record<PlanState, string> = {
  drafting: "起草中",
  compiling: "统稿中",
  mayorReview: "镇长审核中",
  partyCommitteeReview: "党委会审议中",
  amending: "按意见修改中",
  approved: "已审定",
  published: "已印发",
};

export type PlanContext = {
  sectionIds: readonly string[];
  approvedSections: number;
  targets: number;
  /** 【…】 still in the plan's own text (形势与总体要求, 结束语). */
  textPlaceholders: number;
};

/** The Party committee's meeting, recorded with each of its decisions. */
type Meeting = { meetingDate?: string; meetingNumber?: string };

export type PlanEvent =
  | { type: "edit"; actor: Actor }
  | { type: "startCompiling"; actor: Actor }
  | { type: "submitToMayor"; actor: Actor }
  | ({ type: "approve"; actor: Actor } & Meeting)
  | ({ type: "approveWithAmendments"; actor: Actor } & Meeting)
  | { type: "finalize"; actor: Actor }
  /** `sections`: the ones to reopen; empty or absent means the whole plan. */
  | ({ type: "return"; actor: Actor; reason?: string; sections?: readonly string[] } & Meeting)
  | { type: "publish"; actor: Actor; documentNumber?: string; date?: string };

export type PlanEventType = PlanEvent["type"];

export const PLAN_USER_EVENTS = [
  "startCompiling",
  "submitToMayor",
  "approve",
  "approveWithAmendments",
  "finalize",
  "return",
  "publish",
] as const satisfies readonly PlanEventType[];

type PlanCheck = Check<PlanContext, PlanEvent>;

const ROLE_NAMES: Partial<Record<Role, string>> = {
  coordinator: "党政办",
  mayor: "镇长",
  secretary: "党委书记",
};

function only(role: Role): PlanCheck {
  return (_context, { actor }) =>
    actorHas(actor, role) ? null : refuse.forbidden(`只有${ROLE_NAMES[role]}能执行此操作。`);
}

const everySectionApproved: PlanCheck = (context) =>
  context.sectionIds.length > 0 && context.approvedSections === context.sectionIds.length
    ? null
    : refuse.conflict(
        `还有 ${context.sectionIds.length - context.approvedSections} 个章节未通过分管领导审核，不能开始统稿。`,
      );

const targetsSet: PlanCheck = (context) =>
  context.targets > 0 ? null : refuse.conflict("请先填写主要预期目标，再开始统稿。");

/** The plan's own text is printed as it stands: no 【】 may go on to the mayor or to print. */
const ownTextFilled: PlanCheck = (context) =>
  context.textPlaceholders === 0
    ? null
    : refuse.invalid(
        `形势与总体要求或结束语中还有 ${context.textPlaceholders} 处【】待填写，请补全后再提交。`,
      );

const withReason: PlanCheck = (_context, event) =>
  event.type === "return" && event.reason?.trim() ? null : refuse.invalid("请填写退回理由。");

const sectionsOfThisPlan: PlanCheck = (context, event) =>
  event.type === "return" && (event.sections ?? []).every((id) => context.sectionIds.includes(id))
    ? null
    : refuse.invalid("要退回的章节不属于本计划。");

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(date: string | undefined): boolean {
  if (!date || !ISO_DATE.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

const publicationDetails: PlanCheck = (_context, event) => {
  if (event.type !== "publish") return null;
  if (!event.documentNumber?.trim()) return refuse.invalid("请填写文号。");
  if (!isCalendarDate(event.date)) return refuse.invalid("请填写正确的印发日期（年-月-日）。");
  return null;
};

/** DESIGN §3: the secretary records each Party committee decision with its meeting. */
const meetingRecorded: PlanCheck = (_context, event) => {
  const meeting = event as Meeting;
  if (!isCalendarDate(meeting.meetingDate)) {
    return refuse.invalid("请填写党委会的会议日期（年-月-日）。");
  }
  if (!meeting.meetingNumber?.trim()) return refuse.invalid("请填写党委会的会议届次。");
  return null;
};

/** Who may return the plan depends on where it is. */
const RETURNER: Partial<Record<PlanState, Role>> = {
  compiling: "coordinator",
  mayorReview: "mayor",
  partyCommitteeReview: "secretary",
};

const APPROVER: Partial<Record<PlanState, Role>> = {
  mayorReview: "mayor",
  partyCommitteeReview: "secretary",
};

/** The rules behind `type` in `state`, in the order a refusal should be explained. */
export function planChecks(state: string, type: PlanEventType): readonly PlanCheck[] {
  switch (type) {
    case "edit":
      return [only("coordinator")];
    case "startCompiling":
      return [only("coordinator"), everySectionApproved, targetsSet];
    case "submitToMayor":
    case "finalize":
      return [only("coordinator"), ownTextFilled];
    case "approve":
      return state === "partyCommitteeReview"
        ? [only("secretary"), meetingRecorded]
        : [only(APPROVER[state as PlanState] ?? "secretary")];
    case "approveWithAmendments":
      return [only("secretary"), meetingRecorded];
    case "return": {
      const checks = [
        only(RETURNER[state as PlanState] ?? "mayor"),
        withReason,
        sectionsOfThisPlan,
      ];
      return state === "partyCommitteeReview" ? [...checks, meetingRecorded] : checks;
    }
    case "publish":
      return [only("coordinator"), publicationDetails];
  }
}

function passes(state: PlanState, type: PlanEventType) {
  const checks = planChecks(state, type);
  return ({ context, event }: { context: PlanContext; event: PlanEvent }) =>
    firstRefusal(checks, context, event) === null;
}

export const planMachine = setup({
  types: {
    context: {} as PlanContext,
    events: {} as PlanEvent,
    input: {} as PlanContext,
  },
  actions: {
    /** Marks a targetless transition as real: XState treats one without actions as inert. */
    stayPut: () => {},
  },
}).createMachine({
  id: "plan",
  initial: "drafting",
  context: ({ input }) => input,
  states: {
    drafting: {
      on: {
        edit: { guard: passes("drafting", "edit"), actions: "stayPut" },
        startCompiling: { guard: passes("drafting", "startCompiling"), target: "compiling" },
      },
    },
    compiling: {
      on: {
        edit: { guard: passes("compiling", "edit"), actions: "stayPut" },
        submitToMayor: { guard: passes("compiling", "submitToMayor"), target: "mayorReview" },
        return: { guard: passes("compiling", "return"), target: "drafting" },
      },
    },
    mayorReview: {
      on: {
        approve: { guard: passes("mayorReview", "approve"), target: "partyCommitteeReview" },
        return: { guard: passes("mayorReview", "return"), target: "drafting" },
      },
    },
    partyCommitteeReview: {
      on: {
        approve: { guard: passes("partyCommitteeReview", "approve"), target: "approved" },
        approveWithAmendments: {
          guard: passes("partyCommitteeReview", "approveWithAmendments"),
          target: "amending",
        },
        return: { guard: passes("partyCommitteeReview", "return"), target: "drafting" },
      },
    },
    amending: {
      on: {
        edit: { guard: passes("amending", "edit"), actions: "stayPut" },
        finalize: { guard: passes("amending", "finalize"), target: "approved" },
      },
    },
    approved: {
      on: {
        publish: { guard: passes("approved", "publish"), target: "published" },
      },
    },
    published: { type: "final" },
  },
});

/** States in which the plan's own text (preamble, targets) may be edited, read off the machine. */
export const PLAN_EDITABLE_STATES: readonly PlanState[] = PLAN_STATES.filter((state) =>
  planMachine.getStateNodeById(`plan.${state}`).ownEvents.includes("edit"),
);
