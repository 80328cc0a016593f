import { describe, expect, it } from "vitest";

import { progressSheet } from "./progress-sheet";

describe("every target's 进度 across the year as one table", () => {
  it("a column pair per period, the latest share at the end; periods without figures empty", () => {
    const { header, rows } = progressSheet(
      [
        {
          name: "引进过亿元项目",
          value: "5",
          unit: "个",
          qualifier: null,
          departmentName: "经济发展办公室",
          figures: [
            { period: "2027-Q1", actual: 2, stateLabel: "已确认" },
            { period: "2027-Q2", actual: 2, stateLabel: "待分管领导确认" },
          ],
        },
        {
          name: "地区生产总值增长",
          value: "6",
          unit: "%",
          qualifier: "以上",
          departmentName: null,
          figures: [],
        },
      ],
      ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"],
    );
    expect(header.slice(0, 6)).toEqual([
      "序号",
      "指标",
      "全年目标",
      "责任科室",
      "一季度完成",
      "一季度进度",
    ]);
    expect(header.at(-1)).toBe("完成比例（最新）");
    expect(rows[0]!.map((cell) => cell.text)).toEqual([
      "1",
      "引进过亿元项目",
      "5个",
      "经济发展办公室",
      "2个",
      "超进度",
      "2个",
      "欠进度",
      "",
      "",
      "",
      "",
      "40%",
    ]);
    expect(rows[1]!.map((cell) => cell.text).slice(2, 5)).toEqual(["6%以上", "—", ""]);
    expect(rows[1]!.at(-1)!.text).toBe("—");
  });
});
