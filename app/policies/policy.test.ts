import { describe, expect, it } from "vitest";

import { PLAN_STATES, type PlanState } from "~workflows/plan";
import { SECTION_EVENT_TYPES, type SectionState } from "~workflows/section";

import { type Action, can, editsAsReviewer, type PolicyUser, type SectionSubject } from "./policy";

// The demo town's people: econ writes 经济发展 (overseen by leader1); agri and
// leader2 have nothing to do with it.
const PEOPLE = {
  admin: { id: "admin", roles: ["admin"], departmentId: null },
  coordinator: { id: "coordinator", roles: ["coordinator"], departmentId: "party-office" },
  econ: { id: "econ", roles: ["drafter"], departmentId: "econ-office" },
  agri: { id: "agri", roles: ["drafter"], departmentId: "agri-office" },
  leader1: { id: "leader1", roles: ["leader"], departmentId: null },
  leader2: { id: "leader2", roles: ["leader"], departmentId: null },
  mayor: { id: "mayor", roles: ["mayor"], departmentId: null },
  secretary: { id: "secretary", roles: ["secretary"], departmentId: null },
} satisfies Record<string, PolicyUser>;
type Person = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Person[];

/** The section states that can occur with each plan state. */
const SECTION_SITUATIONS: [SectionState, PlanState][] = [
  ["drafting", "drafting"],
  ["leaderReview", "drafting"],
  ["returned", "drafting"],
  ["approved", "drafting"],
  ...PLAN_STATES.filter((s) => s !== "drafting").map((p): [SectionState, PlanState] => [
    "approved",
    p,
  ]),
];

function section(state: SectionState, planState: PlanState): SectionSubject {
  return {
    state,
    planState,
    departmentId: "econ-office",
    departmentName: "经济发展办公室",
    leaderId: "leader1",
    placeholders: 0,
    characters: 1200,
    submittedBy: state === "drafting" ? null : "econ",
  };
}

type Spec = Partial<Record<string, Person[]>>;

/** Who may change the text: the office and 党政办 while drafting, the leader in review, the mayor in 镇长审核. */
const EDITORS: Spec = {
  "drafting/drafting": ["coordinator", "econ"],
  "leaderReview/drafting": ["leader1"],
  "returned/drafting": ["coordinator", "econ"],
  "approved/compiling": ["coordinator"],
  "approved/mayorReview": ["mayor"],
  "approved/amending": ["coordinator"],
};

/** Who may, per "sectionState/planState"; everyone else in every other situation may not. */
const SECTION_SPEC: Record<string, Spec> = {
  "section.edit": EDITORS,
  // 清稿: exactly those who may edit now.
  "section.cleanCopy": EDITORS,
  "section.submit": { "drafting/drafting": ["econ"], "returned/drafting": ["econ"] },
  "section.withdraw": { "leaderReview/drafting": ["econ"] },
  "section.approve": { "leaderReview/drafting": ["leader1"] },
  "section.return": { "leaderReview/drafting": ["leader1"] },
  // Only as part of a plan return by whoever holds the plan then.
  "section.reopen": Object.fromEntries(
    PLAN_STATES.map((p) => [`approved/${p}`, ["coordinator", "mayor", "secretary"] as Person[]]),
  ),
  "section.remind": {
    "drafting/drafting": ["coordinator"],
    "leaderReview/drafting": ["coordinator"],
    "returned/drafting": ["coordinator"],
  },
  "comment.create": Object.fromEntries(
    SECTION_SITUATIONS.filter(([, p]) => p !== "published").map(([s, p]) => [
      `${s}/${p}`,
      EVERYONE,
    ]),
  ),
  "comment.reply": Object.fromEntries(
    SECTION_SITUATIONS.filter(([, p]) => p !== "published").map(([s, p]) => [
      `${s}/${p}`,
      EVERYONE,
    ]),
  ),
  // A thread raised by econ: econ, the section's leader and the coordinator.
  "comment.resolve": Object.fromEntries(
    SECTION_SITUATIONS.filter(([, p]) => p !== "published").map(([s, p]) => [
      `${s}/${p}`,
      ["econ", "leader1", "coordinator"] as Person[],
    ]),
  ),
};

const PLAN_SPEC: Record<string, Partial<Record<PlanState, Person[]>>> = {
  "plan.edit": {
    drafting: ["coordinator"],
    compiling: ["coordinator"],
    mayorReview: ["mayor"],
    amending: ["coordinator"],
  },
  "plan.manageSections": { drafting: ["coordinator"] },
  "plan.setExportOptions": Object.fromEntries(
    PLAN_STATES.filter((s) => s !== "published").map((s) => [s, ["coordinator"] as Person[]]),
  ),
  "plan.startCompiling": { drafting: ["coordinator"] },
  "plan.submitToMayor": { compiling: ["coordinator"] },
  "plan.approve": { mayorReview: ["mayor"], partyCommitteeReview: ["secretary"] },
  "plan.approveWithAmendments": { partyCommitteeReview: ["secretary"] },
  "plan.finalize": { amending: ["coordinator"] },
  "plan.return": {
    compiling: ["coordinator"],
    mayorReview: ["mayor"],
    partyCommitteeReview: ["secretary"],
  },
  "plan.publish": { approved: ["coordinator"] },
  "plan.correctDocumentNumber": { published: ["admin"] },
  "plan.export": Object.fromEntries(PLAN_STATES.map((s) => [s, EVERYONE])),
};

/** Facts that let every plan event through, so only people and states decide. */
const READY = { sectionIds: ["s1"], approvedSections: 1, targets: 3, textPlaceholders: 0 };

describe("policy: every role × state × action", () => {
  const sectionRows = Object.entries(SECTION_SPEC).flatMap(([action, spec]) =>
    SECTION_SITUATIONS.flatMap(([state, planState]) =>
      EVERYONE.map((person) => ({
        action,
        situation: `${state}/${planState}`,
        person,
        expected: (spec[`${state}/${planState}`] ?? []).includes(person),
      })),
    ),
  );

  it.each(sectionRows)("$action on a $situation section by $person → $expected", (row) => {
    const [state, planState] = row.situation.split("/") as [SectionState, PlanState];
    const subject = section(state, planState);
    const verdict = row.action.startsWith("comment.resolve")
      ? can(PEOPLE[row.person], "comment.resolve", { authorId: "econ", section: subject })
      : can(PEOPLE[row.person], row.action as "section.edit", subject);
    expect(verdict.ok).toBe(row.expected);
  });

  const planRows = Object.entries(PLAN_SPEC).flatMap(([action, spec]) =>
    PLAN_STATES.flatMap((state) =>
      EVERYONE.map((person) => ({
        action,
        state,
        person,
        expected: (spec[state] ?? []).includes(person),
      })),
    ),
  );

  it.each(planRows)("$action on a $state plan by $person → $expected", (row) => {
    const verdict = can(PEOPLE[row.person], row.action as "plan.edit", {
      state: row.state,
      context: READY,
    });
    expect(verdict.ok).toBe(row.expected);
  });

  const townRows: { action: Action; allowed: Person[] }[] = [
    { action: "plan.create", allowed: ["coordinator"] },
    { action: "town.administer", allowed: ["admin"] },
    { action: "token.create", allowed: EVERYONE },
  ];
  it.each(
    townRows.flatMap(({ action, allowed }) =>
      EVERYONE.map((person) => ({ action, person, expected: allowed.includes(person) })),
    ),
  )("$action by $person → $expected", (row) => {
    expect(can(PEOPLE[row.person], row.action as "plan.create", null).ok).toBe(row.expected);
  });

  it("covers every action there is", () => {
    const covered = new Set([
      ...Object.keys(SECTION_SPEC),
      ...Object.keys(PLAN_SPEC),
      ...townRows.map((row) => row.action),
      "token.revoke",
      "plan.track",
    ]);
    const sectionEvents = SECTION_EVENT_TYPES;
    for (const event of sectionEvents) expect(covered).toContain(`section.${event}`);
    expect(covered.size).toBe(
      sectionEvents.length + 3 + Object.keys(PLAN_SPEC).length + townRows.length + 2,
    );
  });

  it("lets only the coordinator choose tracked commitments, of a published plan, never of a report", () => {
    for (const person of EVERYONE) {
      const published = can(PEOPLE[person], "plan.track", { state: "published", report: false });
      expect(published.ok).toBe(person === "coordinator");
    }
    const coordinator = PEOPLE.coordinator;
    expect(can(coordinator, "plan.track", { state: "approved", report: false })).toMatchObject({
      ok: false,
      refusal: { code: "conflict", message: "计划印发后才能选择跟踪的工作任务。" },
    });
    expect(can(coordinator, "plan.track", { state: "published", report: true }).ok).toBe(false);
  });

  it("lets a person revoke only their own tokens", () => {
    for (const person of EVERYONE) {
      expect(can(PEOPLE[person], "token.revoke", { userId: person }).ok).toBe(true);
      expect(can(PEOPLE[person], "token.revoke", { userId: "someone-else" }).ok).toBe(false);
    }
  });
});

describe("policy: refusals in words", () => {
  it("tells a drafter of another office whose section it is", () => {
    const verdict = can(PEOPLE.agri, "section.edit", section("drafting", "drafting"));
    expect(verdict).toMatchObject({
      ok: false,
      refusal: { code: "forbidden", message: "本章节由经济发展办公室起草，您只能查看。" },
    });
  });

  it("tells the drafter why a section in review is read-only", () => {
    const verdict = can(PEOPLE.econ, "section.edit", section("leaderReview", "drafting"));
    expect(!verdict.ok && verdict.refusal.message).toContain("请提交人先撤回");
  });

  it("tells who edits at each later stage of the plan", () => {
    const during = (planState: PlanState, person: Person) => {
      const verdict = can(PEOPLE[person], "section.edit", section("approved", planState));
      return !verdict.ok && verdict.refusal.message;
    };
    expect(during("mayorReview", "coordinator")).toBe("镇长审核期间，只有镇长能修改正文。");
    expect(during("compiling", "mayor")).toBe("统稿期间，只有党政办能修改正文。");
    expect(during("published", "coordinator")).toBe("计划已印发，不能再修改正文。");
  });

  it("knows whose edits are a reviewer's", () => {
    const subject = section("leaderReview", "drafting");
    expect(editsAsReviewer(PEOPLE.leader1, subject)).toBe(true);
    expect(editsAsReviewer(PEOPLE.coordinator, subject)).toBe(true);
    expect(editsAsReviewer(PEOPLE.econ, subject)).toBe(false);
  });

  it("says who may resolve a thread", () => {
    const verdict = can(PEOPLE.leader2, "comment.resolve", {
      authorId: "econ",
      section: section("leaderReview", "drafting"),
    });
    expect(verdict).toMatchObject({ ok: false, refusal: { code: "forbidden" } });
    expect(!verdict.ok && verdict.refusal.message).toContain("分管领导或党政办");
  });

  it("starts compiling only when the facts allow, saying what is missing", () => {
    const verdict = can(PEOPLE.coordinator, "plan.startCompiling", {
      state: "drafting",
      context: { ...READY, sectionIds: ["s1", "s2"] },
    });
    expect(verdict).toMatchObject({ ok: false, handled: true, refusal: { code: "conflict" } });
    expect(!verdict.ok && verdict.refusal.message).toContain("还有 1 个章节");
  });
});
