import { getShortestPaths, getSimplePaths } from "@xstate/graph";
import { describe, expect, it } from "vitest";

import { decide, leafOf } from "./decide";
import {
  PLAN_EVENT_TYPES,
  PLAN_STATES,
  type PlanContext,
  type PlanEvent,
  type PlanState,
  planMachine,
  planWorkflow,
} from "./plan";
import { ACTORS, type ActorName, parseTable, STATUS_OF } from "./testing-actors";

const COLUMNS: ActorName[] = ["coordinator", "mayor", "secretary", "leader1", "econ", "admin"];
const EVENTS = PLAN_EVENT_TYPES;

// Every section approved and targets set, so only people and states decide.
const TABLE = `
drafting             edit                  =           403                  403      403 403 403
drafting             manageSections        =           403                  403      403 403 403
drafting             setExportOptions      =           403                  403      403 403 403
drafting             startCompiling        compiling   403                  403      403 403 403
drafting             submitToMayor         409         409                  409      409 409 409
drafting             approve               409         409                  409      409 409 409
drafting             approveWithAmendments 409         409                  409      409 409 409
drafting             finalize              409         409                  409      409 409 409
drafting             return                409         409                  409      409 409 409
drafting             publish               409         409                  409      409 409 409
drafting             correctDocumentNumber 409         409                  409      409 409 409
compiling            edit                  =           403                  403      403 403 403
compiling            manageSections        409         409                  409      409 409 409
compiling            setExportOptions      =           403                  403      403 403 403
compiling            startCompiling        409         409                  409      409 409 409
compiling            submitToMayor         mayorReview 403                  403      403 403 403
compiling            approve               409         409                  409      409 409 409
compiling            approveWithAmendments 409         409                  409      409 409 409
compiling            finalize              409         409                  409      409 409 409
compiling            return                drafting    403                  403      403 403 403
compiling            publish               409         409                  409      409 409 409
compiling            correctDocumentNumber 409         409                  409      409 409 409
mayorReview          edit                  403         =                    403      403 403 403
mayorReview          manageSections        409         409                  409      409 409 409
mayorReview          setExportOptions      =           403                  403      403 403 403
mayorReview          startCompiling        409         409                  409      409 409 409
mayorReview          submitToMayor         409         409                  409      409 409 409
mayorReview          approve               403         partyCommitteeReview 403      403 403 403
mayorReview          approveWithAmendments 409         409                  409      409 409 409
mayorReview          finalize              409         409                  409      409 409 409
mayorReview          return                403         drafting             403      403 403 403
mayorReview          publish               409         409                  409      409 409 409
mayorReview          correctDocumentNumber 409         409                  409      409 409 409
partyCommitteeReview edit                  409         409                  409      409 409 409
partyCommitteeReview manageSections        409         409                  409      409 409 409
partyCommitteeReview setExportOptions      =           403                  403      403 403 403
partyCommitteeReview startCompiling        409         409                  409      409 409 409
partyCommitteeReview submitToMayor         409         409                  409      409 409 409
partyCommitteeReview approve               403         403                  approved 403 403 403
partyCommitteeReview approveWithAmendments 403         403                  amending 403 403 403
partyCommitteeReview finalize              409         409                  409      409 409 409
partyCommitteeReview return                403         403                  drafting 403 403 403
partyCommitteeReview publish               409         409                  409      409 409 409
partyCommitteeReview correctDocumentNumber 409         409                  409      409 409 409
amending             edit                  =           403                  403      403 403 403
amending             manageSections        409         409                  409      409 409 409
amending             setExportOptions      =           403                  403      403 403 403
amending             startCompiling        409         409                  409      409 409 409
amending             submitToMayor         409         409                  409      409 409 409
amending             approve               409         409                  409      409 409 409
amending             approveWithAmendments 409         409                  409      409 409 409
amending             finalize              approved    403                  403      403 403 403
amending             return                409         409                  409      409 409 409
amending             publish               409         409                  409      409 409 409
amending             correctDocumentNumber 409         409                  409      409 409 409
approved             edit                  409         409                  409      409 409 409
approved             manageSections        409         409                  409      409 409 409
approved             setExportOptions      =           403                  403      403 403 403
approved             startCompiling        409         409                  409      409 409 409
approved             submitToMayor         409         409                  409      409 409 409
approved             approve               409         409                  409      409 409 409
approved             approveWithAmendments 409         409                  409      409 409 409
approved             finalize              409         409                  409      409 409 409
approved             return                409         409                  409      409 409 409
approved             publish               published   403                  403      403 403 403
approved             correctDocumentNumber 409         409                  409      409 409 409
published            edit                  409         409                  409      409 409 409
published            manageSections        409         409                  409      409 409 409
published            setExportOptions      409         409                  409      409 409 409
published            startCompiling        409         409                  409      409 409 409
published            submitToMayor         409         409                  409      409 409 409
published            approve               409         409                  409      409 409 409
published            approveWithAmendments 409         409                  409      409 409 409
published            finalize              409         409                  409      409 409 409
published            return                409         409                  409      409 409 409
published            publish               409         409                  409      409 409 409
published            correctDocumentNumber 403         403                  403      403 403 =
`;

const READY: PlanContext = {
  sectionIds: ["s1", "s2", "s3"],
  approvedSections: 3,
  targets: 4,
  textPlaceholders: 0,
};

function eventOf(type: string, actor: ActorName): PlanEvent {
  return { type, actor: ACTORS[actor] } as PlanEvent;
}

function outcome(state: string, event: PlanEvent, context: PlanContext = READY) {
  const decision = decide(planWorkflow, { state: state as PlanState, context }, event);
  if (!decision.ok) return STATUS_OF[decision.refusal.code];
  return decision.changesState ? decision.state : "=";
}

describe("plan machine: every role × state × event", () => {
  it("covers every state and event", () => {
    const rows = parseTable(TABLE, COLUMNS);
    expect(new Set(rows.map((row) => row.state))).toEqual(new Set(PLAN_STATES));
    expect(rows).toHaveLength(PLAN_STATES.length * EVENTS.length * COLUMNS.length);
  });

  it.each(parseTable(TABLE, COLUMNS))("$state + $event by $actor → $expected", (row) => {
    expect(outcome(row.state, eventOf(row.event, row.actor as ActorName))).toBe(row.expected);
  });
});

describe("plan machine: what each step needs", () => {
  it("starts compiling only when every section is approved and targets are set", () => {
    const start = eventOf("startCompiling", "coordinator");
    expect(outcome("drafting", start, { ...READY, approvedSections: 2 })).toBe("409");
    expect(outcome("drafting", start, { ...READY, targets: 0 })).toBe("409");
    expect(outcome("drafting", start, { ...READY, sectionIds: [], approvedSections: 0 })).toBe(
      "409",
    );
    const decision = decide(
      planWorkflow,
      { state: "drafting", context: { ...READY, approvedSections: 1 } },
      start,
    );
    expect(!decision.ok && decision.refusal.message).toContain("还有 2 个章节");
  });

  it("sends nothing on to the mayor or to print while 【】 stand in the plan's own text", () => {
    const unfilled = { ...READY, textPlaceholders: 2 };
    expect(outcome("compiling", eventOf("submitToMayor", "coordinator"), unfilled)).toBe("422");
    expect(outcome("amending", eventOf("finalize", "coordinator"), unfilled)).toBe("422");
    expect(outcome("compiling", eventOf("submitToMayor", "coordinator"))).toBe("mayorReview");
    const decision = decide(
      planWorkflow,
      { state: "compiling", context: unfilled },
      eventOf("submitToMayor", "coordinator"),
    );
    expect(!decision.ok && decision.refusal.message).toContain("还有 2 处【】待填写");
    // Returning and the other steps do not depend on it.
    expect(outcome("mayorReview", eventOf("return", "mayor"), unfilled)).toBe("drafting");
    expect(outcome("drafting", eventOf("startCompiling", "coordinator"), unfilled)).toBe(
      "compiling",
    );
  });

  it("says who may act when someone else tries", () => {
    const decision = decide(
      planWorkflow,
      { state: "partyCommitteeReview", context: READY },
      eventOf("approve", "mayor"),
    );
    expect(!decision.ok && decision.refusal.message).toBe("只有党委书记能执行此操作。");
  });
});

describe("plan machine: model-based paths", () => {
  const events = (Object.keys(ACTORS) as ActorName[]).flatMap((actor) =>
    EVENTS.map((type) => eventOf(type, actor)),
  );

  it("reaches every state from drafting", () => {
    const paths = getShortestPaths(planMachine, { events, input: READY });
    expect(new Set(paths.map((path) => leafOf(path.state.value)))).toEqual(new Set(PLAN_STATES));
  });

  it("ends every simple path in a known state; publication needs both reviews", () => {
    const paths = getSimplePaths(planMachine, { events, input: READY });
    expect(paths.length).toBeGreaterThan(PLAN_STATES.length);
    for (const path of paths) {
      expect(PLAN_STATES).toContain(leafOf(path.state.value));
      if (leafOf(path.state.value) === "published") {
        const actors = path.steps.map(
          (step) => `${step.event.type}:${(step.event as PlanEvent).actor?.id}`,
        );
        expect(actors).toContain("submitToMayor:coordinator");
        expect(
          actors.some((entry) => entry.startsWith("approve") && entry.endsWith(":secretary")),
        ).toBe(true);
      }
    }
  });
});
