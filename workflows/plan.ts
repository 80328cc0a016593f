import { and, setup } from "xstate";

import { type Actor, actorHas } from "./actor";
import { guardsOf, refuse, type Rule, type Workflow } from "./decide";
import { ROLE_LABELS, type Role } from "./roles";

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

/** The stored facts the guards read. */
export type PlanContext = {
  sectionIds: readonly string[];
  approvedSections: number;
  targets: number;
  /** 【…】 still in the plan's own text (形势与总体要求, 结束语). */
  textPlaceholders: number;
};

/** A context for questions that read no facts (who may edit now, who may manage sections). */
export const NO_PLAN_FACTS: PlanContext = {
  sectionIds: [],
  approvedSections: 0,
  targets: 0,
  textPlaceholders: 0,
};

export const PLAN_EVENT_TYPES = [
  /** The plan's own texts and targets (形势与总体要求, 结束语, 预期目标, 截止日期). */
  "edit",
  /** Add, move, remove sections and change who writes and reviews them. */
  "manageSections",
  /** How the Word file prints (e.g. 预期目标 also as a table). */
  "setExportOptions",
  "startCompiling",
  "submitToMayor",
  "approve",
  "approveWithAmendments",
  "finalize",
  "return",
  "publish",
  /** An administrator corrects a wrong 文号 after publication, on the record. */
  "correctDocumentNumber",
] as const;
export type PlanEventType = (typeof PLAN_EVENT_TYPES)[number];

/** Who acts is all an event carries: reasons, 文号 and dates are validated at the boundary. */
export type PlanEvent = { type: PlanEventType; actor: Actor };

/** Events that move the plan along, sent with the workflow buttons. */
export const PLAN_USER_EVENTS = [
  "startCompiling",
  "submitToMayor",
  "approve",
  "approveWithAmendments",
  "finalize",
  "return",
  "publish",
  "correctDocumentNumber",
] as const satisfies readonly PlanEventType[];
export type PlanUserEvent = (typeof PLAN_USER_EVENTS)[number];

type PlanRule = Rule<PlanContext, PlanEvent>;

const rules = {
  /** Parameterised: `{ role }`. */
  actorIs: (_context, { actor }, { role }: { role: Role }) =>
    actorHas(actor, role) ? null : refuse.forbidden(`只有${ROLE_LABELS[role]}能执行此操作。`),
  everySectionApproved: (context) =>
    context.sectionIds.length > 0 && context.approvedSections === context.sectionIds.length
      ? null
      : refuse.conflict(
          `还有 ${context.sectionIds.length - context.approvedSections} 个章节未通过分管领导审核，不能开始统稿。`,
        ),
  targetsSet: (context) =>
    context.targets > 0 ? null : refuse.conflict("请先填写主要预期目标，再开始统稿。"),
  /** The plan's own text is printed as it stands: no 【】 may go on to the mayor or to print. */
  ownTextFilled: (context) =>
    context.textPlaceholders === 0
      ? null
      : refuse.invalid(
          `形势与总体要求或结束语中还有 ${context.textPlaceholders} 处【】待填写，请补全后再提交。`,
        ),
} satisfies Record<string, PlanRule>;

const by = (role: Role) => ({ type: "actorIs", params: { role } }) as const;
const coordinator = by("coordinator");

const machine = setup({
  types: {
    context: {} as PlanContext,
    events: {} as PlanEvent,
    input: {} as PlanContext,
  },
  guards: guardsOf<PlanContext, PlanEvent, typeof rules>(rules),
  actions: {
    /** Marks a targetless transition as real: XState treats one without actions as inert. */
    stayPut: () => {},
  },
}).createMachine({
  id: "plan",
  initial: "underway",
  context: ({ input }) => input,
  states: {
    // Until publication the coordinator may change how the Word file prints.
    underway: {
      initial: "drafting",
      on: {
        setExportOptions: { guard: coordinator, actions: "stayPut" },
      },
      states: {
        drafting: {
          on: {
            edit: { guard: coordinator, actions: "stayPut" },
            manageSections: { guard: coordinator, actions: "stayPut" },
            startCompiling: {
              guard: and([coordinator, "everySectionApproved", "targetsSet"]),
              target: "compiling",
            },
          },
        },
        compiling: {
          on: {
            edit: { guard: coordinator, actions: "stayPut" },
            submitToMayor: { guard: and([coordinator, "ownTextFilled"]), target: "mayorReview" },
            return: { guard: coordinator, target: "drafting" },
          },
        },
        // The mayor may change the plan's own texts while reviewing it.
        mayorReview: {
          on: {
            edit: { guard: by("mayor"), actions: "stayPut" },
            approve: { guard: by("mayor"), target: "partyCommitteeReview" },
            return: { guard: by("mayor"), target: "drafting" },
          },
        },
        partyCommitteeReview: {
          on: {
            approve: { guard: by("secretary"), target: "approved" },
            approveWithAmendments: { guard: by("secretary"), target: "amending" },
            return: { guard: by("secretary"), target: "drafting" },
          },
        },
        amending: {
          on: {
            edit: { guard: coordinator, actions: "stayPut" },
            finalize: { guard: and([coordinator, "ownTextFilled"]), target: "approved" },
          },
        },
        approved: {
          on: {
            publish: { guard: coordinator, target: "#plan.published" },
          },
        },
      },
    },
    published: {
      on: {
        correctDocumentNumber: { guard: by("admin"), actions: "stayPut" },
      },
    },
  },
});

export const planWorkflow: Workflow<PlanState, PlanContext, PlanEvent> = {
  machine,
  rules,
  states: PLAN_STATES,
};

export const planMachine = machine;
