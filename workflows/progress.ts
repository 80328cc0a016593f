import { and, setup } from "xstate";

import { type Actor, actorHas } from "./actor";
import { guardsOf, refuse, type Rule, type Workflow } from "./decide";
import type { PlanState } from "./plan";

/**
 * One target's figure for one period (进度报送), after 印发: the responsible
 * department enters it, the leader who oversees that department confirms it.
 * A corrected figure goes back for confirmation. Pure, like the others.
 */
export const PROGRESS_STATES = ["missing", "entered", "confirmed"] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

export const PROGRESS_STATE_LABELS: Record<ProgressState, string> = {
  missing: "未报送",
  entered: "待分管领导确认",
  confirmed: "已确认",
};

/** The stored facts the guards read. */
export type ProgressContext = {
  /** The department responsible for the target (null: none assigned yet). */
  departmentId: string | null;
  /** The leaders who oversee that department in this plan (its sections' 分管领导). */
  leaderIds: readonly string[];
  planState: PlanState;
  /** Who entered the figure now stored; they may not confirm it themselves. */
  enteredBy: string | null;
};

/** `remind`: 党政办's 催办 of a figure that is late (it moves nothing). */
export const PROGRESS_EVENT_TYPES = ["enter", "confirm", "remind"] as const;
export type ProgressEventType = (typeof PROGRESS_EVENT_TYPES)[number];
export type ProgressEvent = { type: ProgressEventType; actor: Actor };

type ProgressRule = Rule<ProgressContext, ProgressEvent>;

const rules = {
  published: (context) =>
    context.planState === "published" ? null : refuse.conflict("计划印发后才能报送目标进度。"),
  ownDepartment: (context, { actor }) => {
    if (!context.departmentId) {
      return refuse.conflict("该目标还没有责任科室，请党政办在预期目标中指定。");
    }
    return actorHas(actor, "drafter") && actor.departmentId === context.departmentId
      ? null
      : refuse.forbidden("只有该目标的责任科室能报送进度。");
  },
  overseeingLeader: (context, { actor }) =>
    actorHas(actor, "leader") && context.leaderIds.includes(actor.id)
      ? null
      : refuse.forbidden("只有分管该科室的领导能确认进度。"),
  coordinator: (_context, { actor }) =>
    actorHas(actor, "coordinator") ? null : refuse.forbidden("只有党政办能催办。"),
  notTheEnterer: (context, { actor }) =>
    context.enteredBy !== actor.id ? null : refuse.forbidden("报送人不能确认自己报送的数字。"),
} satisfies Record<string, ProgressRule>;

const enter = { guard: and(["published", "ownDepartment"]), target: "#progress.entered" } as const;

const machine = setup({
  types: {
    context: {} as ProgressContext,
    events: {} as ProgressEvent,
    input: {} as ProgressContext,
  },
  guards: guardsOf<ProgressContext, ProgressEvent, typeof rules>(rules),
  actions: {
    /** Marks a targetless transition as real: XState treats one without actions as inert. */
    stayPut: () => {},
  },
}).createMachine({
  id: "progress",
  initial: "missing",
  context: ({ input }) => input,
  states: {
    missing: {
      on: {
        enter,
        remind: { guard: and(["published", "coordinator"]), actions: "stayPut" },
      },
    },
    // Entered again before or after confirmation: the new figure waits for confirmation.
    entered: {
      on: {
        enter,
        confirm: {
          guard: and(["published", "overseeingLeader", "notTheEnterer"]),
          target: "confirmed",
        },
      },
    },
    confirmed: { on: { enter } },
  },
});

export const progressWorkflow: Workflow<ProgressState, ProgressContext, ProgressEvent> = {
  machine,
  rules,
  states: PROGRESS_STATES,
};
