import { assign, setup } from "xstate";

import { type Actor, actorHas } from "./actor";
import { type Check, firstRefusal, refuse } from "./decide";

/**
 * One section's way from the department office to its overseeing leader
 * (DESIGN §4). Pure: the server restores a stored state with
 * `sectionMachine.resolveState` and asks what an event leads to.
 */
export const SECTION_STATES = ["drafting", "leaderReview", "returned", "approved"] as const;
export type SectionState = (typeof SECTION_STATES)[number];

export const SECTION_STATE_LABELS: Record<SectionState, string> = {
  drafting: "起草中",
  leaderReview: "待分管领导审核",
  returned: "已退回修改",
  approved: "已通过",
};

export type SectionContext = {
  departmentId: string | null;
  leaderId: string | null;
  /** 【…】 placeholders still in the text. */
  placeholders: number;
  characters: number;
  /** The plan's state: departments work on sections only while it is drafting. */
  planState: string;
  /** Who sent the section to review last; they may withdraw it, never approve it. */
  submittedBy: string | null;
};

export type SectionEvent =
  | { type: "edit"; actor: Actor }
  | { type: "submit"; actor: Actor }
  | { type: "withdraw"; actor: Actor }
  | { type: "approve"; actor: Actor }
  | { type: "return"; actor: Actor; reason?: string }
  | { type: "reopen"; actor: Actor; reason?: string }
  | { type: "remind"; actor: Actor };

export type SectionEventType = SectionEvent["type"];

/** Events a person sends from the section page (`reopen` comes only with a plan return). */
export const SECTION_USER_EVENTS = ["submit", "withdraw", "approve", "return", "remind"] as const;

type SectionCheck = Check<SectionContext, SectionEvent>;

const planDrafting: SectionCheck = (context) =>
  context.planState === "drafting" ? null : refuse.conflict("计划已进入统稿、审议或印发阶段。");

const ownDepartmentDrafter: SectionCheck = (context, { actor }) =>
  actorHas(actor, "drafter") &&
  !!context.departmentId &&
  actor.departmentId === context.departmentId
    ? null
    : refuse.forbidden("只有负责本章节的科室才能提交。");

const hasText: SectionCheck = (context) =>
  context.characters > 0 ? null : refuse.invalid("章节还没有内容，不能提交审核。");

const noPlaceholders: SectionCheck = (context) =>
  context.placeholders === 0
    ? null
    : refuse.invalid(`还有 ${context.placeholders} 处【】待填写，填写完毕后才能提交审核。`);

const ownLeader: SectionCheck = (context, { actor }) =>
  actorHas(actor, "leader") && context.leaderId === actor.id
    ? null
    : refuse.forbidden("只有本章节的分管领导才能审核。");

const notTheSubmitter: SectionCheck = (context, { actor }) =>
  context.submittedBy !== actor.id ? null : refuse.forbidden("提交人不能审核自己提交的章节。");

const theSubmitter: SectionCheck = (context, { actor }) =>
  context.submittedBy === actor.id ? null : refuse.forbidden("只有提交人才能撤回。");

const withReason: SectionCheck = (_context, event) =>
  "reason" in event && event.reason?.trim() ? null : refuse.invalid("请填写退回理由。");

const planReviewer: SectionCheck = (_context, { actor }) =>
  actorHas(actor, "coordinator", "mayor", "secretary")
    ? null
    : refuse.forbidden("只有党政办、镇长或党委书记能退回整个计划。");

const coordinator: SectionCheck = (_context, { actor }) =>
  actorHas(actor, "coordinator") ? null : refuse.forbidden("只有党政办能执行此操作。");

const editorOfDraft: SectionCheck = (context, { actor }) =>
  actorHas(actor, "coordinator") ||
  (actorHas(actor, "drafter") &&
    !!context.departmentId &&
    actor.departmentId === context.departmentId)
    ? null
    : refuse.forbidden("只有负责本章节的科室才能修改。");

const planBeingCompiled: SectionCheck = (context) =>
  context.planState === "compiling" || context.planState === "amending"
    ? null
    : refuse.conflict("章节已通过，当前不能修改。");

/** Each event's rules, in the order a refusal should be explained: who first, then when, then what. */
export const SECTION_CHECKS: Record<SectionEventType, readonly SectionCheck[]> = {
  edit: [editorOfDraft, planDrafting],
  submit: [ownDepartmentDrafter, planDrafting, hasText, noPlaceholders],
  withdraw: [theSubmitter, planDrafting],
  approve: [ownLeader, planDrafting, notTheSubmitter],
  return: [ownLeader, planDrafting, withReason],
  reopen: [planReviewer, withReason],
  remind: [coordinator, planDrafting],
};

/** In compiling/amending only the coordinator edits approved text (统稿). */
const EDIT_APPROVED: readonly SectionCheck[] = [planBeingCompiled, coordinator];

/** The rules behind `type` in `state`, for explaining a refusal. */
export function sectionChecks(state: string, type: SectionEventType): readonly SectionCheck[] {
  return type === "edit" && state === "approved" ? EDIT_APPROVED : SECTION_CHECKS[type];
}

function passes(checks: readonly SectionCheck[]) {
  return ({ context, event }: { context: SectionContext; event: SectionEvent }) =>
    firstRefusal(checks, context, event) === null;
}

export const sectionMachine = setup({
  types: {
    context: {} as SectionContext,
    events: {} as SectionEvent,
    input: {} as SectionContext,
  },
  guards: {
    mayEdit: passes(SECTION_CHECKS.edit),
    mayEditApproved: passes(EDIT_APPROVED),
    maySubmit: passes(SECTION_CHECKS.submit),
    mayWithdraw: passes(SECTION_CHECKS.withdraw),
    mayApprove: passes(SECTION_CHECKS.approve),
    mayReturn: passes(SECTION_CHECKS.return),
    mayReopen: passes(SECTION_CHECKS.reopen),
    mayRemind: passes(SECTION_CHECKS.remind),
  },
  actions: {
    rememberSubmitter: assign({ submittedBy: ({ event }) => event.actor.id }),
    /** Marks a targetless transition as real: XState treats one without actions as inert. */
    stayPut: () => {},
  },
}).createMachine({
  id: "section",
  initial: "drafting",
  context: ({ input }) => input,
  states: {
    drafting: {
      on: {
        edit: { guard: "mayEdit", actions: "stayPut" },
        remind: { guard: "mayRemind", actions: "stayPut" },
        submit: { guard: "maySubmit", target: "leaderReview", actions: "rememberSubmitter" },
      },
    },
    leaderReview: {
      on: {
        remind: { guard: "mayRemind", actions: "stayPut" },
        withdraw: { guard: "mayWithdraw", target: "drafting" },
        approve: { guard: "mayApprove", target: "approved" },
        return: { guard: "mayReturn", target: "returned" },
      },
    },
    returned: {
      on: {
        edit: { guard: "mayEdit", actions: "stayPut" },
        remind: { guard: "mayRemind", actions: "stayPut" },
        submit: { guard: "maySubmit", target: "leaderReview", actions: "rememberSubmitter" },
      },
    },
    approved: {
      on: {
        edit: { guard: "mayEditApproved", actions: "stayPut" },
        reopen: { guard: "mayReopen", target: "returned" },
      },
    },
  },
});
