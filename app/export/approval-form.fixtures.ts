// A full journey of a plan through the approval workflow as audit-trail rows,
// for the approval form's tests (the pure module's and the Word file's).
import type { RecordedEvent } from "~workflows/labels";

import type { ApprovalFormInput, Person, TrailEvent } from "./approval-form";

export const P = {
  coordinator: { name: "李静", title: "党政办主任" },
  econ: { name: "王强", title: null },
  agri: { name: "刘洋", title: null },
  leader1: { name: "张建国", title: "副镇长" },
  leader2: { name: "孙立新", title: "副镇长" },
  mayor: { name: "郑海", title: "镇长" },
  secretary: { name: "马光明", title: "党委书记" },
} satisfies Record<string, Person>;

/** A trail written one event after another, seven hours apart (UTC), ids e1, e2, … */
export function trail() {
  const events: TrailEvent[] = [];
  let hour = 0;
  const start = Date.parse("2027-01-04T01:00:00Z");
  function add(
    event: RecordedEvent,
    actor: Person,
    fields: Partial<TrailEvent> & { sectionId: string | null; subject: string },
    sameTransaction = false,
  ): TrailEvent {
    if (!sameTransaction) hour += 1;
    const at = new Date(start + hour * 3_600_000 * 7).toISOString();
    const ordinal = sameTransaction ? events.filter((e) => e.at === at).length : 0;
    const row: TrailEvent = {
      id: `e${events.length + 1}`,
      event,
      from: "",
      to: "",
      actor,
      reason: null,
      details: null,
      at,
      ordinal,
      ...fields,
    };
    events.push(row);
    return row;
  }
  return { events, add };
}

export const ECONOMY = { sectionId: "s-economy", subject: "经济发展" };
export const AGRICULTURE = { sectionId: "s-agri", subject: "农业农村与乡村振兴" };
export const PLAN = { sectionId: null, subject: "示例镇2027年工作计划" };

export const base = (events: TrailEvent[], state: ApprovalFormInput["plan"]["state"]) =>
  ({
    townName: "示例镇",
    plan: {
      title: "示例镇2027年工作计划",
      state,
      documentNumber: state === "published" ? "示政发〔2027〕3号" : null,
      publishedOn: state === "published" ? "2027-02-10" : null,
      createdAt: "2027-01-03T02:00:00Z",
    },
    drafter: { ...P.coordinator, department: "党政办公室" },
    sections: [
      { id: "s-economy", department: "经济发展办公室" },
      { id: "s-agri", department: "农业农村办公室" },
    ],
    events,
  }) satisfies ApprovalFormInput;

/**
 * Two sections; economy returned by its leader and sent again; both approved;
 * 统稿; the mayor returns the plan naming economy (reopened); economy approved
 * again; 统稿; the mayor passes it on; the committee approves with amendments
 * at its meeting; 完成修改; 印发.
 */
export function fullJourney() {
  const { events, add } = trail();
  add("submit", P.econ, { ...ECONOMY, from: "drafting", to: "leaderReview" });
  add("submit", P.agri, { ...AGRICULTURE, from: "drafting", to: "leaderReview" });
  add("return", P.leader1, {
    ...ECONOMY,
    from: "leaderReview",
    to: "returned",
    reason: "招商目标偏低，请对照县里的任务。",
  });
  add("submit", P.econ, { ...ECONOMY, from: "returned", to: "leaderReview" });
  add("approve", P.leader2, { ...AGRICULTURE, from: "leaderReview", to: "approved" });
  add("approve", P.leader1, { ...ECONOMY, from: "leaderReview", to: "approved" });
  add("startCompiling", P.coordinator, { ...PLAN, from: "drafting", to: "compiling" });
  add("submitToMayor", P.coordinator, { ...PLAN, from: "compiling", to: "mayorReview" });
  add("return", P.mayor, {
    ...PLAN,
    from: "mayorReview",
    to: "drafting",
    reason: "经济部分的项目要写明投资额。",
    details: JSON.stringify({ sections: ["s-economy"], whole: false, titles: ["经济发展"] }),
  });
  add("reopen", P.mayor, { ...ECONOMY, from: "approved", to: "returned" }, true);
  add("submit", P.econ, { ...ECONOMY, from: "returned", to: "leaderReview" });
  add("approve", P.leader1, { ...ECONOMY, from: "leaderReview", to: "approved" });
  add("startCompiling", P.coordinator, { ...PLAN, from: "drafting", to: "compiling" });
  add("submitToMayor", P.coordinator, { ...PLAN, from: "compiling", to: "mayorReview" });
  add("approve", P.mayor, { ...PLAN, from: "mayorReview", to: "partyCommitteeReview" });
  add("approveWithAmendments", P.secretary, {
    ...PLAN,
    from: "partyCommitteeReview",
    to: "amending",
    reason: "民生实事再增加一项。",
    details: JSON.stringify({ meeting: { date: "2027-02-05", number: "2027年第3次党委会" } }),
  });
  add("finalize", P.coordinator, { ...PLAN, from: "amending", to: "approved" });
  add("publish", P.coordinator, {
    ...PLAN,
    from: "approved",
    to: "published",
    details: JSON.stringify({ documentNumber: "示政发〔2027〕3号", date: "2027-02-10" }),
  });
  return events;
}

const SIX = [
  ["s1", "经济发展", "经济发展办公室", P.econ, P.leader1],
  ["s2", "农业农村与乡村振兴", "农业农村办公室", P.agri, P.leader2],
  ["s3", "城镇建设", "规划建设办公室", { name: "陈磊", title: null }, P.leader1],
  ["s4", "生态环境", "生态环境办公室", { name: "杨帆", title: null }, P.leader2],
  [
    "s5",
    "民生保障",
    "社会事务办公室",
    { name: "赵丽", title: null },
    { name: "吴志远", title: "党委委员" },
  ],
  [
    "s6",
    "社会治理与党的建设",
    "综合治理办公室",
    { name: "黄涛", title: null },
    { name: "吴志远", title: "党委委员" },
  ],
] as const;

/**
 * A plan of six sections as trail rows. Typical (`busy` false): economy is
 * returned by its leader once, then 统稿, the mayor, the committee's 原则通过
 * and 印发. Busy: also a second leader's return, the mayor returning two
 * sections and the committee returning the whole plan once: what a form must
 * still hold (on two pages at most).
 */
export function sixSectionJourney({ busy = false } = {}): ApprovalFormInput {
  const { events, add } = trail();
  const section = (i: number) => ({ sectionId: SIX[i]![0], subject: SIX[i]![1] });
  const review = (i: number, returned?: string) => {
    add("submit", SIX[i]![3], { ...section(i), from: "drafting", to: "leaderReview" });
    if (returned) {
      add("return", SIX[i]![4], {
        ...section(i),
        from: "leaderReview",
        to: "returned",
        reason: returned,
      });
      add("submit", SIX[i]![3], { ...section(i), from: "returned", to: "leaderReview" });
    }
    add("approve", SIX[i]![4], { ...section(i), from: "leaderReview", to: "approved" });
  };
  const planReturn = (
    by: Person,
    from: string,
    reason: string,
    which: number[],
    meeting?: object,
  ) => {
    add("return", by, {
      ...PLAN,
      from,
      to: "drafting",
      reason,
      details: JSON.stringify({
        sections: which.map((i) => SIX[i]![0]),
        whole: which.length === SIX.length,
        titles: which.map((i) => SIX[i]![1]),
        ...(meeting ? { meeting } : {}),
      }),
    });
    for (const i of which) {
      add("reopen", by, { ...section(i), from: "approved", to: "returned" }, true);
    }
  };
  const toMayor = () => {
    add("startCompiling", P.coordinator, { ...PLAN, from: "drafting", to: "compiling" });
    add("submitToMayor", P.coordinator, { ...PLAN, from: "compiling", to: "mayorReview" });
  };
  SIX.forEach((_, i) =>
    review(
      i,
      i === 0
        ? "招商引资目标偏低，请对照县里下达的任务重新测算。"
        : i === 4 && busy
          ? "民生实事项目请逐项写明完成时限。"
          : undefined,
    ),
  );
  toMayor();
  if (busy) {
    planReturn(
      P.mayor,
      "mayorReview",
      "经济和生态两部分与县里部署衔接不够，请补充重点项目投资额。",
      [0, 3],
    );
    review(0);
    review(3);
    toMayor();
    add("approve", P.mayor, { ...PLAN, from: "mayorReview", to: "partyCommitteeReview" });
    planReturn(
      P.secretary,
      "partyCommitteeReview",
      "篇幅过长，请整体压缩并突出重点。",
      [0, 1, 2, 3, 4, 5],
      { date: "2027-02-01", number: "2027年第2次党委会" },
    );
    SIX.forEach((_, i) => review(i));
    toMayor();
  }
  add("approve", P.mayor, { ...PLAN, from: "mayorReview", to: "partyCommitteeReview" });
  add("approveWithAmendments", P.secretary, {
    ...PLAN,
    from: "partyCommitteeReview",
    to: "amending",
    reason: "民生实事再增加一项，乡村振兴部分补充和美乡村建设内容。",
    details: JSON.stringify({ meeting: { date: "2027-02-20", number: "2027年第4次党委会" } }),
  });
  add("finalize", P.coordinator, { ...PLAN, from: "amending", to: "approved" });
  add("publish", P.coordinator, {
    ...PLAN,
    from: "approved",
    to: "published",
    details: JSON.stringify({ documentNumber: "示政发〔2027〕3号", date: "2027-02-28" }),
  });
  return {
    ...base(events, "published"),
    sections: SIX.map(([id, , department]) => ({ id, department })),
  };
}
