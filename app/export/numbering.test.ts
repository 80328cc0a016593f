import { describe, expect, it } from "vitest";

import { chineseNumeral, HeadingCounter, headingNumber, stripTypedNumber } from "./numbering";

describe("heading numbers", () => {
  it("writes Chinese numerals as offices do", () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual([
      "一",
      "九",
      "十",
      "十一",
      "二十",
      "二十一",
      "九十九",
    ]);
  });

  it("uses 一、 / （一） / 1. / （1） by level", () => {
    expect([1, 2, 3, 4].map((level) => headingNumber(level as 1 | 2 | 3 | 4, 3))).toEqual([
      "三、",
      "（三）",
      "3.",
      "（3）",
    ]);
  });

  it("continues level 1 across sections and restarts the levels below", () => {
    const counter = new HeadingCounter();
    const seen = [
      counter.next(1),
      counter.next(2),
      counter.next(2),
      counter.next(3),
      counter.next(1), // next section
      counter.next(2),
      counter.next(3),
    ];
    expect(seen).toEqual(["一、", "（一）", "（二）", "1.", "二、", "（一）", "1."]);
  });
});

describe("stripTypedNumber", () => {
  it.each([
    ["一、聚力项目招引", "聚力项目招引"],
    ["三．抓好园区建设", "抓好园区建设"],
    ["（二）强化招商引资", "强化招商引资"],
    ["(二) 强化招商引资", "强化招商引资"],
    ["1.稳定粮食生产", "稳定粮食生产"],
    ["2、稳定粮食生产", "稳定粮食生产"],
    ["（3）完善设施", "完善设施"],
    ["第一部分 经济发展", "经济发展"],
  ])("drops the hand-typed number of %s", (typed, bare) => {
    expect(stripTypedNumber(typed)).toBe(bare);
  });

  it("keeps numbers that belong to the text", () => {
    expect(stripTypedNumber("2027年重点项目")).toBe("2027年重点项目");
    expect(stripTypedNumber("6.5万亩高标准农田")).toBe("6.5万亩高标准农田");
    expect(stripTypedNumber("十大民生实事")).toBe("十大民生实事");
  });
});
