import { getShortestPaths, getSimplePaths } from "@xstate/graph";
import { describe, expect, it } from "vitest";

import { decide, leafOf } from "./decide";
import type { PlanState } from "./plan";
import {
  SECTION_EVENT_TYPES,
  SECTION_STATES,
  type SectionContext,
  type SectionEvent,
  type SectionState,
  sectionMachine,
  sectionWorkflow,
} from "./section";
import { ACTORS, type ActorName, parseTable, STATUS_OF } from "./testing-actors";

const COLUMNS: ActorName[] = [
  "econ",
  "agri",
  "leader1",
  "leader2",
  "coordinator",
  "mayor",
  "secretary",
];

// The economy section belongs to econ-office and is overseen by leader1;
// in review and after, econ is the one who submitted it.
const TABLE = `
drafting     edit      =            403 403 403 =   403 403
drafting     cleanCopy =            403 403 403 =   403 403
drafting     submit    leaderReview 403 403 403 403 403 403
drafting     withdraw  409          409 409 409 409 409 409
drafting     approve   409          409 409 409 409 409 409
drafting     return    409          409 409 409 409 409 409
drafting     reopen    409          409 409 409 409 409 409
drafting     remind    403          403 403 403 =   403 403
leaderReview edit      403          403 =   403 403 403 403
leaderReview cleanCopy 403          403 =   403 403 403 403
leaderReview submit    409          409 409 409 409 409 409
leaderReview withdraw  drafting     403 403 403 403 403 403
leaderReview approve   403          403 approved 403 403 403 403
leaderReview return    403          403 returned 403 403 403 403
leaderReview reopen    409          409 409 409 409 409 409
leaderReview remind    403          403 403 403 =   403 403
returned     edit      =            403 403 403 =   403 403
returned     cleanCopy =            403 403 403 =   403 403
returned     submit    leaderReview 403 403 403 403 403 403
returned     withdraw  409          409 409 409 409 409 409
returned     approve   409          409 409 409 409 409 409
returned     return    409          409 409 409 409 409 409
returned     reopen    409          409 409 409 409 409 409
returned     remind    403          403 403 403 =   403 403
approved     edit      409          409 409 409 409 409 409
approved     cleanCopy 409          409 409 409 409 409 409
approved     submit    409          409 409 409 409 409 409
approved     withdraw  409          409 409 409 409 409 409
approved     approve   409          409 409 409 409 409 409
approved     return    409          409 409 409 409 409 409
approved     reopen    403          403 403 403 returned returned returned
approved     remind    409          409 409 409 409 409 409
`;

function context(state: SectionState, overrides: Partial<SectionContext> = {}): SectionContext {
  return {
    departmentId: "econ-office",
    leaderId: "leader1",
    placeholders: 0,
    characters: 1200,
    planState: "drafting",
    submittedBy: state === "drafting" ? null : "econ",
    ...overrides,
  };
}

function eventOf(type: string, actor: ActorName): SectionEvent {
  return { type, actor: ACTORS[actor] } as SectionEvent;
}

function outcome(state: string, event: SectionEvent, overrides: Partial<SectionContext> = {}) {
  const stored = state as SectionState;
  const decision = decide(
    sectionWorkflow,
    { state: stored, context: context(stored, overrides) },
    event,
  );
  if (!decision.ok) return STATUS_OF[decision.refusal.code];
  return decision.changesState ? decision.state : "=";
}

describe("section machine: every role × state × event", () => {
  it("covers every state and event", () => {
    const rows = parseTable(TABLE, COLUMNS);
    expect(new Set(rows.map((row) => row.state))).toEqual(new Set(SECTION_STATES));
    expect(rows).toHaveLength(SECTION_STATES.length * SECTION_EVENT_TYPES.length * COLUMNS.length);
  });

  it.each(parseTable(TABLE, COLUMNS))("$state + $event by $actor → $expected", (row) => {
    expect(outcome(row.state, eventOf(row.event, row.actor as ActorName))).toBe(row.expected);
  });
});

describe("section machine: content and people", () => {
  it("refuses to submit while placeholders remain, naming how many", () => {
    const decision = decide(
      sectionWorkflow,
      { state: "drafting", context: context("drafting", { placeholders: 3 }) },
      eventOf("submit", "econ"),
    );
    expect(decision).toMatchObject({ ok: false, refusal: { code: "invalid" } });
    expect(!decision.ok && decision.refusal.message).toContain("还有 3 处");
  });

  it("refuses to submit an empty section", () => {
    expect(outcome("drafting", eventOf("submit", "econ"), { characters: 0 })).toBe("422");
  });

  it("never lets the submitter approve, even holding both roles", () => {
    const both = {
      id: "leader1",
      roles: ["drafter", "leader"],
      departmentId: "econ-office",
    } as const;
    const submitted = decide(
      sectionWorkflow,
      { state: "drafting", context: context("drafting") },
      { type: "submit", actor: both },
    );
    expect(submitted).toMatchObject({
      ok: true,
      state: "leaderReview",
      context: { submittedBy: "leader1" },
    });
    const approve = decide(
      sectionWorkflow,
      {
        state: "leaderReview",
        context: submitted.ok ? submitted.context : context("leaderReview"),
      },
      { type: "approve", actor: both },
    );
    expect(approve).toMatchObject({ ok: false, refusal: { code: "forbidden" } });
  });

  it("lets nobody move a section once the plan left drafting", () => {
    for (const planState of ["compiling", "mayorReview", "published"] as PlanState[]) {
      expect(outcome("drafting", eventOf("submit", "econ"), { planState })).toBe("409");
      expect(outcome("leaderReview", eventOf("approve", "leader1"), { planState })).toBe("409");
    }
  });

  it("lets only the coordinator edit approved text while compiling or amending, and only the mayor in 镇长审核", () => {
    for (const type of ["edit", "cleanCopy"]) {
      for (const planState of ["compiling", "amending"] as PlanState[]) {
        expect(outcome("approved", eventOf(type, "coordinator"), { planState })).toBe("=");
        expect(outcome("approved", eventOf(type, "mayor"), { planState })).toBe("403");
        expect(outcome("approved", eventOf(type, "econ"), { planState })).toBe("403");
      }
      expect(outcome("approved", eventOf(type, "mayor"), { planState: "mayorReview" })).toBe("=");
      for (const actor of ["coordinator", "leader1", "econ", "secretary"] as ActorName[]) {
        expect(outcome("approved", eventOf(type, actor), { planState: "mayorReview" })).not.toBe(
          "=",
        );
      }
      for (const planState of ["partyCommitteeReview", "approved", "published"] as PlanState[]) {
        for (const actor of ["coordinator", "mayor"] as ActorName[]) {
          expect(outcome("approved", eventOf(type, actor), { planState })).toBe("409");
        }
      }
    }
  });
});

describe("section machine: model-based paths", () => {
  const events = (Object.keys(ACTORS) as ActorName[]).flatMap((actor) =>
    ["edit", "cleanCopy", "submit", "withdraw", "approve", "return", "reopen", "remind"].map(
      (type) => eventOf(type, actor),
    ),
  );
  const input = context("drafting");

  it("reaches every state from drafting", () => {
    const paths = getShortestPaths(sectionMachine, { events, input });
    const reached = new Set(paths.map((path) => leafOf(path.state.value)));
    expect(reached).toEqual(new Set(SECTION_STATES));
  });

  it("ends every simple path in a known state, and approval always goes through the leader", () => {
    const paths = getSimplePaths(sectionMachine, { events, input });
    expect(paths.length).toBeGreaterThan(SECTION_STATES.length);
    for (const path of paths) {
      expect(SECTION_STATES).toContain(leafOf(path.state.value));
      if (leafOf(path.state.value) === "approved") {
        const approval = path.steps.find((step) => step.event.type === "approve");
        expect((approval?.event as { actor: { id: string } }).actor.id).toBe("leader1");
      }
    }
  });
});
