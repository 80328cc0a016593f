import { describe, expect, it } from "vitest";

import { type PlanEventFacts, planEventSchema, SectionEventSchema } from "./workflow-validation";

const facts = (overrides: Partial<PlanEventFacts> = {}): PlanEventFacts => ({
  state: "approved",
  today: "2027-01-20",
  committeeApprovedOn: "2027-01-10",
  ...overrides,
});

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.success ? null : result.error!.issues[0]!.message;
}

describe("section events", () => {
  it("needs a reason to return, keeping its line breaks", () => {
    expect(firstMessage(SectionEventSchema.safeParse({ type: "return", baseVersion: 3 }))).toBe(
      "请填写退回理由",
    );
    expect(
      firstMessage(SectionEventSchema.safeParse({ type: "return", reason: "  ", baseVersion: 3 })),
    ).toBe("请填写退回理由");
    const parsed = SectionEventSchema.parse({
      type: "return",
      reason: " 一、目标偏低。\n二、项目名称不全。 ",
      baseVersion: "3",
    });
    expect(parsed).toEqual({
      type: "return",
      reason: "一、目标偏低。\n二、项目名称不全。",
      baseVersion: 3,
    });
  });

  it("refuses an unknown event and a missing version in Chinese", () => {
    expect(firstMessage(SectionEventSchema.safeParse({ type: "delete", baseVersion: 1 }))).toBe(
      "不支持的操作",
    );
    expect(firstMessage(SectionEventSchema.safeParse({ type: "submit" }))).toContain("版本号");
  });
});

describe("印发: 文号 and date", () => {
  const publish = (documentNumber: string, date = "2027-01-15") =>
    planEventSchema(facts()).safeParse({ type: "publish", documentNumber, date, baseVersion: 9 });

  it.each(["示政发〔2027〕1号", "中共示例镇委〔2027〕12号", "示政办发〔2027〕105号"])(
    "takes %s",
    (number) => expect(publish(number).success).toBe(true),
  );

  it.each([
    ["示政发[2027]1号", "六角括号"],
    ["示政发（2027）1号", "六角括号"],
    ["示政发〔2027〕01号", "不编虚位"],
    ["示政发〔2027〕第1号", "不加“第”字"],
    ["示政发〔27〕1号", "机关代字〔年份〕序号号"],
    ["〔2027〕1号", "机关代字〔年份〕序号号"],
    ["示政发〔2027〕1", "机关代字〔年份〕序号号"],
  ])("refuses %s, showing the expected form", (number, hint) => {
    expect(firstMessage(publish(number))).toContain(hint);
    expect(firstMessage(publish(number))).toContain("示政发〔2027〕1号");
  });

  it("wants the 文号's year to be the year of publication", () => {
    expect(firstMessage(publish("示政发〔2026〕1号"))).toBe("文号中的年份应与印发日期的年份一致。");
  });

  it("refuses a date after today, before the committee's approval, or not a date", () => {
    expect(firstMessage(publish("示政发〔2027〕1号", "2027-01-21"))).toContain("不能晚于今天");
    expect(firstMessage(publish("示政发〔2027〕1号", "2027-01-09"))).toContain(
      "不能早于党委会审议通过的日期（2027-01-10）",
    );
    expect(firstMessage(publish("示政发〔2027〕1号", "2027-02-30"))).toContain("不是有效的日期");
    expect(firstMessage(publish("示政发〔2027〕1号", "15/01/2027"))).toContain("不是有效的日期");
    expect(publish("示政发〔2027〕1号", "2027-01-10").success).toBe(true);
  });
});

describe("the Party committee's decisions", () => {
  const committee = planEventSchema(facts({ state: "partyCommitteeReview" }));
  const meeting = { meetingDate: "2027-01-18", meetingNumber: "2027年第1次党委会" };

  it.each(["approve", "approveWithAmendments", "return"])(
    "%s needs the meeting's date and 届次",
    (type) => {
      const extra = { reason: "请修改第三部分。", opinions: "压减一般性支出表述。" };
      const base = { type, baseVersion: 5, ...extra };
      expect(firstMessage(committee.safeParse({ ...base, meetingNumber: "第1次" }))).toBe(
        "请填写党委会的会议日期（年-月-日）。",
      );
      expect(firstMessage(committee.safeParse({ ...base, meetingDate: "2027-01-18" }))).toBe(
        "请填写党委会的会议届次。",
      );
      expect(
        firstMessage(committee.safeParse({ ...base, ...meeting, meetingDate: "2027-01-21" })),
      ).toBe("会议日期不能晚于今天，请核对。");
      expect(committee.safeParse({ ...base, ...meeting }).success).toBe(true);
    },
  );

  it("原则通过 needs the committee's opinions", () => {
    expect(
      firstMessage(
        committee.safeParse({ type: "approveWithAmendments", baseVersion: 5, ...meeting }),
      ),
    ).toBe("请填写党委会审议意见");
  });

  it("the mayor's decisions record no meeting", () => {
    const mayor = planEventSchema(facts({ state: "mayorReview" }));
    expect(mayor.parse({ type: "approve", baseVersion: "2", meetingDate: "" })).toEqual({
      type: "approve",
      baseVersion: 2,
    });
    expect(
      firstMessage(mayor.safeParse({ type: "return", baseVersion: 2, sections: ["s1"] })),
    ).toBe("请填写退回理由");
  });
});
