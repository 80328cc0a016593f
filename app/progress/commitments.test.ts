import { describe, expect, it } from "vitest";

import { findCommitments } from "./commitments";

describe("findCommitments", () => {
  it("reads the figure, unit and name of each commitment in a sentence", () => {
    const found = findCommitments(
      "3.深入开展“森林村居”创建活动，计划新建森林村居9个。新建生态街巷3条、口袋公园2处。",
    );
    expect(found.map(({ name, value, unit }) => `${name}|${value}|${unit}`)).toEqual([
      "新建森林村居|9|个",
      "新建生态街巷|3|条",
      "口袋公园|2|处",
    ]);
    expect(found[0]!.sentence).toBe("深入开展“森林村居”创建活动，计划新建森林村居9个。");
  });

  it("turns 不少于 and 以上 into a floor and 控制在 into a ceiling", () => {
    const [floor, stated, ceiling] = findCommitments(
      "年内开展党性教育不少于6期。完成固定资产投资3.5亿元以上。安全事故起数控制在2起以内，新增耕地50亩。",
    );
    expect(floor).toMatchObject({
      name: "开展党性教育",
      value: "6",
      unit: "期",
      qualifier: "以上",
    });
    expect(stated).toMatchObject({ value: "3.5", unit: "亿元", qualifier: "以上" });
    // 起 is no unit of ours: the ceiling is not guessed, the next figure is.
    expect(ceiling).toMatchObject({ name: "新增耕地", value: "50", unit: "亩" });
  });

  it("passes over routines, percentage points, years and names too short to mean anything", () => {
    expect(
      findCommitments(
        "每月开展1次党支部书记集中培训。比上年提高2个百分点。推进 322 省道绿化提升工程，2027年全面完成。在11个“两新”党组织中提炼特色做法。",
      ),
    ).toEqual([]);
  });

  it("stops at the limit", () => {
    expect(findCommitments("建成通村公路1条。".repeat(50), 5)).toHaveLength(5);
  });
});
