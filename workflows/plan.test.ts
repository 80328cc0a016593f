import { getShortestPaths, getSimplePaths } from "@xstate/graph";
import { describe, expect, it } from "vitest";

import { decide } from "./decide";
import {
  PLAN_STATES,
  PLAN_USER_EVENTS,
  type PlanContext,
  type PlanEvent,
  planChecks,
  planMachine,
} from "./plan";
import { ACTORS, type ActorName, parseTable, STATUS_OF } from "./testing-actors";

const COLUMNS: ActorName[] = ["coordinator", "mayor", "secretary", "leader1", "econ"];
const EVENTS = ["edit", ...PLAN_USER_EVENTS] as const;

// Every section approved and targets set, so only people and states decide.
const TABLE = `
drafting             edit                  =         403      403       403 403
drafting             startCompiling        compiling 403      403       403 403
drafting             submitToMayor         409       409      409       409 409
drafting             approve               409       409      409       409 409
drafting             approveWithAmendments 409       409      409       409 409
drafting             finalize              409       409      409       409 409
drafting             return                409       409      409       409 409
drafting             publish               409       409      409       409 409
compiling            edit                  =         403      403       403 403
compiling            startCompiling        409       409      409       409 409
compiling            submitToMayor         mayorReview 403    403       403 403
compiling            approve               409       409      409       409 409
compiling            approveWithAmendments 409       409      409       409 409
compiling            finalize              409       409      409       409 409
compiling            return                drafting  403      403       403 403
compiling            publish               409       409      409       409 409
mayorReview          edit                  409       409      409       409 409
mayorReview          startCompiling        409       409      409       409 409
mayorReview          submitToMayor         409       409      409       409 409
mayorReview          approve               403       partyCommitteeReview 403 403 403
mayorReview          approveWithAmendments 409       409      409       409 409
mayorReview          finalize              409       409      409       409 409
mayorReview          return                403       drafting 403       403 403
mayorReview          publish               409       409      409       409 409
partyCommitteeReview edit                  409       409      409       409 409
partyCommitteeReview startCompiling        409       409      409       409 409
partyCommitteeReview submitToMayor         409       409      409       409 409
partyCommitteeReview approve               403       403      approved  403 403
partyCommitteeReview approveWithAmendments 403       403      amending  403 403
partyCommitteeReview finalize              409       409      409       409 409
partyCommitteeReview return                403       403      drafting  403 403
partyCommitteeReview publish               409       409      409       409 409
amending             edit                  =         403      403       403 403
amending             startCompiling        409       409      409       409 409
amending             submitToMayor         409       409      409       409 409
amending             approve               409       409      409       409 409
amending             approveWithAmendments 409       409      409       409 409
amending             finalize              approved  403      403       403 403
amending             return                409       409      409       409 409
amending             publish               409       409      409       409 409
approved             edit                  409       409      409       409 409
approved             startCompiling        409       409      409       409 409
approved             submitToMayor         409       409      409       409 409
approved             approve               409       409      409       409 409
approved             approveWithAmendments 409       409      409       409 409
approved             finalize              409       409      409       409 409
approved             return                409       409      409       409 409
approved             publish               published 403      403       403 403
published            edit                  409       409      409       409 409
published            startCompiling        409       409      409       409 409
published            submitToMayor         409       409      409       409 409
published            approve               409       409      409       409 409
published            approveWithAmendments 409       409      409       409 409
published            finalize              409       409      409       409 409
published            return                409       409      409       409 409
published            publish               409       409      409       409 409
`;

const READY: PlanContext = {
  sectionIds: ["s1", "s2", "s3"],
  approvedSections: 3,
  targets: 4,
  textPlaceholders: 0,
};

function eventOf(type: string, actor: ActorName, extra: object = {}): PlanEvent {
  return {
    type,
    actor: ACTORS[actor],
    reason: "第三部分与县里部署不一致。",
    sections: ["s2"],
    documentNumber: "示政发〔2027〕1号",
    meetingDate: "2027-01-10",
    meetingNumber: "2027年第1次党委会",
    date: "2027-01-15",
    ...extra,
  } as PlanEvent;
}

function outcome(state: string, event: PlanEvent, context: PlanContext = READY) {
  const decision = decide(planMachine, { state, context }, event, planChecks);
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
      planMachine,
      { state: "drafting", context: { ...READY, approvedSections: 1 } },
      start,
      planChecks,
    );
    expect(!decision.ok && decision.refusal.message).toContain("还有 2 个章节");
  });

  it("sends nothing on to the mayor or to print while 【】 stand in the plan's own text", () => {
    const unfilled = { ...READY, textPlaceholders: 2 };
    expect(outcome("compiling", eventOf("submitToMayor", "coordinator"), unfilled)).toBe("422");
    expect(outcome("amending", eventOf("finalize", "coordinator"), unfilled)).toBe("422");
    expect(outcome("compiling", eventOf("submitToMayor", "coordinator"))).toBe("mayorReview");
    const decision = decide(
      planMachine,
      { state: "compiling", context: unfilled },
      eventOf("submitToMayor", "coordinator"),
      planChecks,
    );
    expect(!decision.ok && decision.refusal.message).toContain("还有 2 处【】待填写");
    // Returning and the other steps do not depend on it.
    expect(outcome("mayorReview", eventOf("return", "mayor"), unfilled)).toBe("drafting");
    expect(outcome("drafting", eventOf("startCompiling", "coordinator"), unfilled)).toBe(
      "compiling",
    );
  });

  it("requires a reason to return, and only sections of this plan", () => {
    expect(outcome("mayorReview", eventOf("return", "mayor", { reason: " " }))).toBe("422");
    expect(outcome("mayorReview", eventOf("return", "mayor", { sections: ["elsewhere"] }))).toBe(
      "422",
    );
    expect(outcome("mayorReview", eventOf("return", "mayor", { sections: [] }))).toBe("drafting");
  });

  it("requires a 文号 and a real date to publish", () => {
    expect(outcome("approved", eventOf("publish", "coordinator", { documentNumber: "" }))).toBe(
      "422",
    );
    expect(outcome("approved", eventOf("publish", "coordinator", { date: "2027-02-30" }))).toBe(
      "422",
    );
    expect(outcome("approved", eventOf("publish", "coordinator", { date: "15/01/2027" }))).toBe(
      "422",
    );
  });

  it("records every Party committee decision with its meeting, and only those", () => {
    for (const type of ["approve", "approveWithAmendments", "return"]) {
      const noDate = eventOf(type, "secretary", { meetingDate: undefined });
      const badDate = eventOf(type, "secretary", { meetingDate: "2027-02-30" });
      const noNumber = eventOf(type, "secretary", { meetingNumber: " " });
      for (const event of [noDate, badDate, noNumber]) {
        expect(outcome("partyCommitteeReview", event)).toBe("422");
      }
    }
    const decision = decide(
      planMachine,
      { state: "partyCommitteeReview", context: READY },
      eventOf("approve", "secretary", { meetingNumber: "" }),
      planChecks,
    );
    expect(!decision.ok && decision.refusal.message).toBe("请填写党委会的会议届次。");
    // The mayor's decisions are not meetings of the Party committee.
    const mayorsApproval = eventOf("approve", "mayor", { meetingDate: undefined });
    expect(outcome("mayorReview", mayorsApproval)).toBe("partyCommitteeReview");
    // Someone else is refused as not theirs before anything is asked of the form.
    expect(outcome("partyCommitteeReview", eventOf("approve", "mayor", { meetingDate: "" }))).toBe(
      "403",
    );
  });
});

describe("plan machine: model-based paths", () => {
  const events = (Object.keys(ACTORS) as ActorName[]).flatMap((actor) =>
    EVENTS.map((type) => eventOf(type, actor)),
  );

  it("reaches every state from drafting", () => {
    const paths = getShortestPaths(planMachine, { events, input: READY });
    expect(new Set(paths.map((path) => String(path.state.value)))).toEqual(new Set(PLAN_STATES));
  });

  it("ends every simple path in a known state; publication is final and needs both reviews", () => {
    const paths = getSimplePaths(planMachine, { events, input: READY });
    expect(paths.length).toBeGreaterThan(PLAN_STATES.length);
    for (const path of paths) {
      expect(PLAN_STATES).toContain(String(path.state.value));
      if (path.state.value === "published") {
        const actors = path.steps.map(
          (step) => `${step.event.type}:${(step.event as PlanEvent).actor?.id}`,
        );
        expect(actors).toContain("submitToMayor:coordinator");
        expect(
          actors.some((entry) => entry.startsWith("approve") && entry.endsWith(":secretary")),
        ).toBe(true);
        expect(path.state.status).toBe("done");
      }
    }
  });
});
