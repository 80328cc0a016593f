import { describe, expect, it } from "vitest";

import {
  buildApprovalForm,
  formDate,
  formEventIds,
  formNote,
  formRows,
  type FormRow,
  LEFT_OFF,
  type TrailEvent,
} from "./approval-form";
import {
  AGRICULTURE,
  base,
  ECONOMY,
  fullJourney,
  sixSectionJourney,
  P,
  PLAN,
  trail,
} from "./approval-form.fixtures";

describe("the approval form from the audit trail", () => {
  it("shows every event of a full journey exactly once", () => {
    const events = fullJourney();
    const form = buildApprovalForm(base(events, "published"));
    const shown = formEventIds(form);
    expect([...shown].sort()).toEqual(events.map((e) => e.id).sort());
    expect(new Set(shown).size).toBe(shown.length);
  });

  it("shows every event once in a busy year too: returns by leaders, the mayor and the committee", () => {
    const input = sixSectionJourney({ busy: true });
    const form = buildApprovalForm(input);
    const shown = formEventIds(form);
    expect([...shown].sort()).toEqual(input.events.map((e) => e.id).sort());
    expect(new Set(shown).size).toBe(shown.length);
    expect(form.sectionReviews).toHaveLength(14);
    expect(form.returns.map((r) => [r.stage, r.reopened.length])).toEqual([
      ["leaderReview", 0],
      ["leaderReview", 0],
      ["mayorReview", 2],
      ["partyCommitteeReview", 6],
    ]);
    expect(form.mayor.map((m) => m.outcome)).toEqual(["approved", "approved"]);
    expect(form.compiling).toHaveLength(3);
  });

  it("is dated by its last step, and says so under the table", () => {
    const form = buildApprovalForm(base(fullJourney(), "published"));
    expect(formDate(form)).toBe(form.publication!.published.date);
    expect(formNote(form)).toBe(
      `本审批单根据审核记录生成，记录截至${form.publication!.published.date.replace(
        /^(\d+)-0?(\d+)-0?(\d+)$/,
        "$1年$2月$3日",
      )}。`,
    );
    const empty = buildApprovalForm(base([], "drafting"));
    expect(formDate(empty)).toBe("2027-01-03");
    expect(formNote(empty)).toBe(
      "本审批单根据审核记录生成，记录截至2027年1月3日（计划尚未印发）。",
    );
  });

  it("gives each part its approvals in the order they happened", () => {
    const form = buildApprovalForm(base(fullJourney(), "published"));
    expect(form).toMatchObject({
      heading: "示例镇人民政府发文审批单",
      title: "示例镇2027年工作计划",
      documentNumber: "示政发〔2027〕3号",
      draftingOffice: "党政办公室",
      drafter: P.coordinator,
      draftedOn: "2027-01-03",
      complete: true,
    });
    expect(
      form.sectionReviews.map((r) => [r.section, r.department, r.decided?.by.name, r.eventIds]),
    ).toEqual([
      ["农业农村与乡村振兴", "农业农村办公室", "孙立新", ["e2", "e5"]],
      ["经济发展", "经济发展办公室", "张建国", ["e4", "e6"]],
      ["经济发展", "经济发展办公室", "张建国", ["e11", "e12"]],
    ]);
    expect(form.sectionReviews.every((r) => r.outcome === "approved")).toBe(true);
    expect(form.compiling.map((c) => c.eventIds)).toEqual([["e7"], ["e13"]]);
    expect(form.mayor).toEqual([
      expect.objectContaining({
        eventIds: ["e14", "e15"],
        outcome: "approved",
        submitted: expect.objectContaining({ by: P.coordinator }),
        decided: expect.objectContaining({ by: P.mayor }),
      }),
    ]);
    expect(form.committee).toEqual([
      expect.objectContaining({
        eventIds: ["e16", "e17"],
        outcome: "approvedWithAmendments",
        meeting: { date: "2027-02-05", number: "2027年第3次党委会" },
        opinions: "民生实事再增加一项。",
        amended: expect.objectContaining({ by: P.coordinator }),
      }),
    ]);
    expect(form.publication).toMatchObject({
      eventIds: ["e18"],
      date: "2027-02-10",
      documentNumber: "示政发〔2027〕3号",
    });
  });

  it("lists every return with its reason, who, the day and what was sent back", () => {
    const events = fullJourney();
    const form = buildApprovalForm(base(events, "published"));
    expect(form.returns).toHaveLength(2);
    const [leader, mayor] = form.returns;
    expect(leader).toMatchObject({
      eventIds: ["e1", "e3"],
      stage: "leaderReview",
      subject: "经济发展",
      reason: "招商目标偏低，请对照县里的任务。",
      // 2027-01-04 22:00 UTC is the 5th in Beijing.
      returned: { by: P.leader1, at: "2027-01-04T22:00:00.000Z", date: "2027-01-05" },
      submitted: { by: P.econ, at: events[0]!.at },
    });
    // The mayor's return takes the 提交镇长审核 it answered and the section it reopened.
    expect(mayor).toMatchObject({
      eventIds: ["e8", "e9", "e10"],
      stage: "mayorReview",
      reopened: ["经济发展"],
      whole: false,
      reason: "经济部分的项目要写明投资额。",
      returned: { by: P.mayor },
    });

    const rows = formRows(form);
    const returns = grid(rows, "退回记录");
    expect(returns.rows).toHaveLength(2);
    expect(returns.rows[0]).toEqual([
      "分管领导审核",
      "经济发展",
      "张建国 1月5日\n（1月4日送审）",
      "招商目标偏低，请对照县里的任务。",
    ]);
    expect(returns.rows[1]).toEqual([
      "镇长审核",
      "经济发展",
      expect.stringMatching(/^郑海 1月\d+日\n（1月\d+日送审）$/),
      "经济部分的项目要写明投资额。",
    ]);
  });

  it("dates each step by the calendar day in Beijing", () => {
    const { events, add } = trail();
    // 17:30 UTC is already the next morning in Beijing.
    add("submit", P.econ, { ...ECONOMY, at: "2027-01-04T17:30:00Z" });
    const form = buildApprovalForm(base(events, "drafting"));
    expect(form.sectionReviews[0]!.submitted!.date).toBe("2027-01-05");
    expect(grid(formRows(form), "章节审核（分管领导）").rows[0]).toEqual([
      "经济发展",
      "经济发展办公室",
      "王强 1月5日",
      "待审核",
    ]);
  });

  it("prints the rows of the form with their labels", () => {
    const rows = formRows(buildApprovalForm(base(fullJourney(), "published")));
    const labels = rows.map((row) => (row.kind === "pair" ? row.cells[0] : row.label));
    expect(labels).toEqual([
      "文件标题",
      "文号",
      "拟稿单位",
      "章节审核（分管领导）",
      "统稿",
      "镇长审定",
      "党委会审议",
      "退回记录",
      "印发",
    ]);
    expect(rows[2]).toEqual({
      kind: "pair",
      cells: ["拟稿单位", "党政办公室", "拟稿人", "李静 2027年1月3日"],
    });
    expect(grid(rows, "章节审核（分管领导）").rows[0]).toEqual([
      "农业农村与乡村振兴",
      "农业农村办公室",
      "刘洋 1月4日",
      "孙立新 1月5日",
    ]);
    expect(grid(rows, "章节审核（分管领导）").rows.map((r) => r[0])).toEqual([
      "农业农村与乡村振兴",
      "经济发展",
      "经济发展",
    ]);
    expect(grid(rows, "党委会审议").rows).toEqual([
      [
        "2月5日\n2027年第3次党委会",
        expect.stringMatching(/^原则通过\n马光明 1月\d+日$/),
        expect.stringMatching(/^民生实事再增加一项。\n李静 1月\d+日按意见修改完成$/),
      ],
    ]);
    expect(grid(rows, "镇长审定").rows).toEqual([
      [
        expect.stringMatching(/^李静 1月\d+日$/),
        expect.stringMatching(/^郑海 1月\d+日$/),
        "同意，提交党委会审议",
      ],
    ]);
    expect(text(rows, "文号")).toEqual(["示政发〔2027〕3号"]);
    expect(text(rows, "印发")).toEqual([
      expect.stringMatching(/^2027年2月10日印发（李静 1月\d+日办理）$/),
    ]);
  });

  it("keeps a committee's return with its meeting, a withdrawal, and what still waits", () => {
    const { events, add } = trail();
    add("submit", P.econ, { ...ECONOMY });
    add("withdraw", P.econ, { ...ECONOMY });
    add("submit", P.econ, { ...ECONOMY });
    add("submitToMayor", P.coordinator, { ...PLAN, from: "compiling" });
    add("approve", P.mayor, { ...PLAN, from: "mayorReview" });
    add("return", P.secretary, {
      ...PLAN,
      from: "partyCommitteeReview",
      reason: "整体再压缩篇幅。",
      details: JSON.stringify({
        sections: ["s-economy", "s-agri"],
        whole: true,
        titles: ["经济发展", "农业农村与乡村振兴"],
        meeting: { date: "2027-02-01", number: "2027年第2次党委会" },
      }),
    });
    add("reopen", P.secretary, { ...ECONOMY, from: "approved" }, true);
    add("reopen", P.secretary, { ...AGRICULTURE, from: "approved" }, true);
    add("submitToMayor", P.coordinator, { ...PLAN, from: "compiling" });
    const form = buildApprovalForm(base(events, "mayorReview"));
    expect([...formEventIds(form)].sort()).toEqual(events.map((e) => e.id).sort());
    expect(form.sectionReviews.map((r) => [r.outcome, r.eventIds])).toEqual([
      ["withdrawn", ["e1", "e2"]],
      ["pending", ["e3"]],
    ]);
    expect(form.returns).toEqual([
      expect.objectContaining({
        eventIds: ["e6", "e7", "e8"],
        stage: "partyCommitteeReview",
        whole: true,
        meeting: { date: "2027-02-01", number: "2027年第2次党委会" },
      }),
    ]);
    expect(form.mayor.map((m) => [m.outcome, m.eventIds])).toEqual([
      ["approved", ["e4", "e5"]],
      ["pending", ["e9"]],
    ]);
    expect(form.complete).toBe(false);
    expect(form.documentNumber).toBeNull();
    expect(form.publication).toBeNull();
    const rows = formRows(form);
    expect(grid(rows, "退回记录").rows[0]).toEqual([
      "党委会审议",
      "整个计划",
      expect.stringMatching(/^马光明 1月\d+日$/),
      "整体再压缩篇幅。（2月1日 2027年第2次党委会）",
    ]);
    expect(text(rows, "印发")).toEqual(["尚未印发"]);
  });

  it("leaves working steps (修改正文, 清稿, 催办) to the audit record", () => {
    expect(LEFT_OFF.sort()).toEqual(["cleanCopy", "edit", "remind"]);
    const { events, add } = trail();
    add("remind", P.coordinator, { ...ECONOMY });
    add("edit", P.leader1, { ...ECONOMY });
    add("cleanCopy", P.coordinator, { ...ECONOMY });
    const form = buildApprovalForm(base(events, "drafting"));
    expect(formEventIds(form)).toEqual([]);
  });

  it("shows a 文号 correction under the 文号", () => {
    const events = fullJourney();
    const { add } = {
      add: (row: TrailEvent) => events.push(row),
    };
    add({
      id: "fix",
      sectionId: null,
      subject: PLAN.subject,
      event: "correctDocumentNumber",
      from: "published",
      to: "published",
      actor: { name: "周敏", title: "信息管理员" },
      reason: "3号已被占用。",
      details: JSON.stringify({
        documentNumber: "示政发〔2027〕4号",
        previous: "示政发〔2027〕3号",
      }),
      at: "2027-02-12T02:00:00Z",
      ordinal: 0,
    });
    const input = base(events, "published");
    const form = buildApprovalForm({
      ...input,
      plan: { ...input.plan, documentNumber: "示政发〔2027〕4号" },
    });
    expect(formEventIds(form).filter((id) => id === "fix")).toHaveLength(1);
    expect(text(formRows(form), "文号")).toEqual([
      "示政发〔2027〕4号",
      "周敏 2月12日 由 示政发〔2027〕3号 更正为 示政发〔2027〕4号（3号已被占用。）",
    ]);
  });
});

function grid(rows: FormRow[], label: string) {
  const row = rows.find((r) => r.kind === "grid" && r.label === label);
  if (row?.kind !== "grid") throw new Error(`no grid ${label}`);
  return row;
}

function text(rows: FormRow[], label: string) {
  const row = rows.find((r) => r.kind === "text" && r.label === label);
  if (row?.kind !== "text") throw new Error(`no text row ${label}`);
  return row.lines;
}
