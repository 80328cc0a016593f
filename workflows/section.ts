import { and, assign, setup } from "xstate";

import { type Actor, actorHas } from "./actor";
import { guardsOf, refuse, type Rule, type Workflow } from "./decide";
import type { PlanState } from "./plan";
import { ROLE_LABELS, type Role } from "./roles";

/**
 * One section's way from the department office to its overseeing leader
 * (DESIGN §4). Pure: the server restores a stored state and asks what an
 * event leads to (`decide` in ./decide).
 */
export const SECTION_STATES = ["drafting", "leaderReview", "returned", "approved"] as const;
export type SectionState = (typeof SECTION_STATES)[number];

export const SECTION_STATE_LABELS: Record<SectionState, string> = {
  drafting: "起草中",
  leaderReview: "待分管领导审核",
  returned: "已退回修改",
  approved: "已通过",
};

/** The stored facts the guards read. */
export type SectionContext = {
  departmentId: string | null;
  leaderId: string | null;
  /** 【…】 placeholders still in the text. */
  placeholders: number;
  characters: number;
  /** The plan's state: departments work on sections only while it is drafting. */
  planState: PlanState;
  /** Who sent the section to review last; they may withdraw it, never approve it. */
  submittedBy: string | null;
};

export const SECTION_EVENT_TYPES = [
  "edit",
  /** 清稿: accept every tracked change; the marked-up copy is kept (花脸稿). */
  "cleanCopy",
  "submit",
  "withdraw",
  "approve",
  "return",
  "reopen",
  "remind",
] as const;
export type SectionEventType = (typeof SECTION_EVENT_TYPES)[number];

/** Who acts is all an event carries: reasons are validated at the boundary. */
export type SectionEvent = { type: SectionEventType; actor: Actor };

/** Events a person sends from the section page (`reopen` comes only with a plan return). */
export const SECTION_USER_EVENTS = ["submit", "withdraw", "approve", "return", "remind"] as const;
export type SectionUserEvent = (typeof SECTION_USER_EVENTS)[number];

const VERBS: Record<SectionEventType, string> = {
  edit: "修改",
  cleanCopy: "清稿",
  submit: "提交",
  withdraw: "撤回",
  approve: "审核",
  return: "审核",
  reopen: "退回",
  remind: "催办",
};

const ownDrafter = (context: SectionContext, actor: Actor) =>
  actorHas(actor, "drafter") &&
  !!context.departmentId &&
  actor.departmentId === context.departmentId;

type SectionRule = Rule<SectionContext, SectionEvent>;

/** The rules the guards are made of; each says in words why it does not hold. */
const rules = {
  /** Parameterised: `{ role }`. */
  actorIs: (_context, { actor }, { role }: { role: Role }) =>
    actorHas(actor, role) ? null : refuse.forbidden(`只有${ROLE_LABELS[role]}能执行此操作。`),
  ownDepartment: (context, { actor, type }) =>
    ownDrafter(context, actor)
      ? null
      : refuse.forbidden(`只有负责本章节的科室才能${VERBS[type]}。`),
  ownDepartmentOrCoordinator: (context, { actor, type }) =>
    actorHas(actor, "coordinator") || ownDrafter(context, actor)
      ? null
      : refuse.forbidden(`只有负责本章节的科室才能${VERBS[type]}。`),
  ownLeader: (context, { actor }) =>
    actorHas(actor, "leader") && context.leaderId === actor.id
      ? null
      : refuse.forbidden("只有本章节的分管领导才能审核。"),
  notTheSubmitter: (context, { actor }) =>
    context.submittedBy !== actor.id ? null : refuse.forbidden("提交人不能审核自己提交的章节。"),
  theSubmitter: (context, { actor }) =>
    context.submittedBy === actor.id ? null : refuse.forbidden("只有提交人才能撤回。"),
  planReviewer: (_context, { actor }) =>
    actorHas(actor, "coordinator", "mayor", "secretary")
      ? null
      : refuse.forbidden("只有党政办、镇长或党委书记能退回整个计划。"),
  /** Parameterised: `{ states, because }`, the plan states in which the event may happen. */
  planIn: (context, _event, { states, because }: { states: PlanState[]; because: string }) =>
    states.includes(context.planState) ? null : refuse.conflict(because),
  hasText: (context) =>
    context.characters > 0 ? null : refuse.invalid("章节还没有内容，不能提交审核。"),
  noPlaceholders: (context) =>
    context.placeholders === 0
      ? null
      : refuse.invalid(`还有 ${context.placeholders} 处【】待填写，填写完毕后才能提交审核。`),
} satisfies Record<string, SectionRule>;

const planDrafting = {
  type: "planIn",
  params: { states: ["drafting"], because: "计划已进入统稿、审议或印发阶段。" },
} as const;
const planCompiling = {
  type: "planIn",
  params: { states: ["compiling", "amending"], because: "章节已通过，当前不能修改。" },
} as const;
const planMayorReview = {
  type: "planIn",
  params: { states: ["mayorReview"], because: "镇长审核期间，只有镇长能修改正文。" },
} as const;
const coordinator = { type: "actorIs", params: { role: "coordinator" } } as const;
const mayor = { type: "actorIs", params: { role: "mayor" } } as const;

const machine = setup({
  types: {
    context: {} as SectionContext,
    events: {} as SectionEvent,
    input: {} as SectionContext,
  },
  guards: guardsOf<SectionContext, SectionEvent, typeof rules>(rules),
  actions: {
    rememberSubmitter: assign({ submittedBy: ({ event }) => event.actor.id }),
    /** Marks a targetless transition as real: XState treats one without actions as inert. */
    stayPut: () => {},
  },
}).createMachine({
  id: "section",
  initial: "inProgress",
  context: ({ input }) => input,
  states: {
    // While the plan is drafting, the coordinator may remind whoever holds the section.
    inProgress: {
      initial: "writing",
      on: {
        remind: { guard: and([coordinator, planDrafting]), actions: "stayPut" },
      },
      states: {
        // Drafting for the first time or again after a return: the office writes and submits.
        writing: {
          initial: "drafting",
          on: {
            // Editing keeps the state; 清稿 is open to exactly those who may edit.
            edit: { guard: and(["ownDepartmentOrCoordinator", planDrafting]), actions: "stayPut" },
            cleanCopy: {
              guard: and(["ownDepartmentOrCoordinator", planDrafting]),
              actions: "stayPut",
            },
            submit: {
              guard: and(["ownDepartment", planDrafting, "hasText", "noPlaceholders"]),
              target: "leaderReview",
              actions: "rememberSubmitter",
            },
          },
          states: { drafting: {}, returned: {} },
        },
        // The leader may change the text while reviewing it; every change is kept (痕迹保留).
        leaderReview: {
          on: {
            edit: { guard: and(["ownLeader", planDrafting]), actions: "stayPut" },
            cleanCopy: { guard: and(["ownLeader", planDrafting]), actions: "stayPut" },
            withdraw: { guard: and(["theSubmitter", planDrafting]), target: "writing.drafting" },
            approve: {
              guard: and(["ownLeader", planDrafting, "notTheSubmitter"]),
              target: "#section.approved",
            },
            return: {
              guard: and(["ownLeader", planDrafting]),
              target: "writing.returned",
            },
          },
        },
      },
    },
    approved: {
      on: {
        // 统稿 and 按意见修改: the coordinator edits approved text; 镇长审核: the mayor.
        edit: [
          { guard: and([planCompiling, coordinator]), actions: "stayPut" },
          { guard: and([planMayorReview, mayor]), actions: "stayPut" },
        ],
        cleanCopy: [
          { guard: and([planCompiling, coordinator]), actions: "stayPut" },
          { guard: and([planMayorReview, mayor]), actions: "stayPut" },
        ],
        reopen: { guard: "planReviewer", target: "#section.inProgress.writing.returned" },
      },
    },
  },
});

export const sectionWorkflow: Workflow<SectionState, SectionContext, SectionEvent> = {
  machine,
  rules,
  states: SECTION_STATES,
};

export const sectionMachine = machine;
