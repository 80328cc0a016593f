import { describe, expect, it } from "vitest";

import { decide } from "./decide";
import {
  PROGRESS_EVENT_TYPES,
  PROGRESS_STATES,
  type ProgressContext,
  type ProgressEvent,
  type ProgressState,
  progressWorkflow,
} from "./progress";
import { ACTORS, type ActorName, parseTable, STATUS_OF } from "./testing-actors";

const COLUMNS: ActorName[] = ["econ", "agri", "leader1", "leader2", "coordinator", "mayor"];

// A target of the economy office, whose section leader1 oversees; econ entered the figure.
const TABLE = `
missing   enter   entered 403 403 403 403 403
missing   confirm 409     409 409 409 409 409
missing   remind  403     403 403 403 =   403
entered   enter   =       403 403 403 403 403
entered   confirm 403     403 confirmed 403 403 403
entered   remind  409     409 409 409 409 409
confirmed enter   entered 403 403 403 403 403
confirmed confirm 409     409 409 409 409 409
confirmed remind  409     409 409 409 409 409
`;

function context(state: ProgressState, overrides: Partial<ProgressContext> = {}): ProgressContext {
  return {
    departmentId: "econ-office",
    leaderIds: ["leader1"],
    planState: "published",
    enteredBy: state === "missing" ? null : "econ",
    ...overrides,
  };
}

function outcome(
  state: ProgressState,
  event: ProgressEvent,
  overrides: Partial<ProgressContext> = {},
) {
  const decision = decide(progressWorkflow, { state, context: context(state, overrides) }, event);
  if (!decision.ok) return STATUS_OF[decision.refusal.code];
  return decision.changesState ? decision.state : "=";
}

const eventOf = (type: string, actor: ActorName) =>
  ({ type, actor: ACTORS[actor] }) as ProgressEvent;

describe("progress machine: every role × state × event", () => {
  it("covers every state and event", () => {
    const rows = parseTable(TABLE, COLUMNS);
    expect(new Set(rows.map((row) => row.state))).toEqual(new Set(PROGRESS_STATES));
    expect(rows).toHaveLength(
      PROGRESS_STATES.length * PROGRESS_EVENT_TYPES.length * COLUMNS.length,
    );
  });

  it.each(parseTable(TABLE, COLUMNS))("$state + $event by $actor → $expected", (row) => {
    const state = row.state as ProgressState;
    expect(outcome(state, eventOf(row.event, row.actor as ActorName))).toBe(row.expected);
  });
});

describe("progress machine: the plan and the people", () => {
  it("takes figures only for a published plan", () => {
    const decision = decide(
      progressWorkflow,
      { state: "missing", context: context("missing", { planState: "approved" }) },
      eventOf("enter", "econ"),
    );
    expect(decision).toMatchObject({
      ok: false,
      refusal: { code: "conflict", message: "计划印发后才能报送目标进度。" },
    });
  });

  it("a target with no department asks 党政办 to assign one", () => {
    expect(
      decide(
        progressWorkflow,
        { state: "missing", context: context("missing", { departmentId: null }) },
        eventOf("enter", "econ"),
      ),
    ).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("责任科室") } });
  });

  it("a leader who also entered the figure cannot confirm it", () => {
    expect(outcome("entered", eventOf("confirm", "leader1"), { enteredBy: "leader1" })).toBe("403");
  });
});
