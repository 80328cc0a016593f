import { describe, expect, it } from "vitest";

import { json } from "~/export/fixtures";

import {
  draftSection,
  nextYearPart,
  reportFigure,
  reportPeriod,
  reportTitle,
  targetFact,
} from "./report-draft";

const PLAN_SECTION = json(
  "# 一、聚力项目招引建设\n\n## 抓好园区建设\n\n全年完成基础设施投资1.2亿元。\n\n- 引进过亿元项目5个\n- 新增规上企业3家",
);

const projects = { name: "引进过亿元项目", value: "5", unit: "个", qualifier: null };

describe("a report drafted from its plan", () => {
  it("names and periods: the half-year at June's or Q2's end, the year at its end", () => {
    expect(reportTitle("示例镇", 2027, "半年总结")).toBe(
      "示例镇2027年上半年工作总结及下半年工作安排",
    );
    expect(reportTitle("示例镇", 2027, "年度总结")).toBe("示例镇2027年工作总结");
    expect(reportPeriod("半年总结", 2027, "quarter")).toBe("2027-Q2");
    expect(reportPeriod("半年总结", 2027, "month")).toBe("2027-06");
    expect(reportPeriod("年度总结", 2027, "month")).toBe("2027-12");
  });

  it("keeps the headings, turns each commitment into a 【】 to rewrite, states the figures", () => {
    const blocks = draftSection(PLAN_SECTION, "半年总结", [{ ...projects, actual: 2 }], "2027-Q2");
    expect(blocks).toEqual([
      { type: "heading", level: 1, text: "聚力项目招引建设" },
      {
        type: "paragraph",
        text: "主要指标：引进过亿元项目：全年目标5个，截至6月底完成2个，占全年目标40%，欠进度。",
      },
      { type: "heading", level: 2, text: "抓好园区建设" },
      { type: "paragraph", text: "【上半年落实情况（计划：全年完成基础设施投资1.2亿元。）】" },
      { type: "paragraph", text: "【上半年落实情况（计划：引进过亿元项目5个）】" },
      { type: "paragraph", text: "【上半年落实情况（计划：新增规上企业3家）】" },
      { type: "paragraph", text: "下半年，【下半年本领域的工作安排】" },
    ]);
  });

  it("states a tracked commitment's figure after the paragraph that made it, or after the heading", () => {
    const investment = {
      name: "基础设施投资",
      value: "1.2",
      unit: "亿元",
      qualifier: null,
      actual: 0.7,
      source: "全年完成基础设施投资1.2亿元。",
    };
    const firms = { ...investment, name: "新增规上企业", value: "3", unit: "家", actual: 1 };
    const blocks = draftSection(PLAN_SECTION, "半年总结", [], "2027-Q2", [
      investment,
      { ...firms, source: "这句话已不在正文中" },
    ]);
    expect(blocks.slice(0, 4)).toEqual([
      { type: "heading", level: 1, text: "聚力项目招引建设" },
      {
        type: "paragraph",
        text: "重点任务：新增规上企业：全年目标3家，截至6月底完成1家，占全年目标33.3%，欠进度。",
      },
      { type: "heading", level: 2, text: "抓好园区建设" },
      {
        type: "paragraph",
        text: "【上半年落实情况（计划：全年完成基础设施投资1.2亿元。）】基础设施投资：全年目标1.2亿元，截至6月底完成0.7亿元，占全年目标58.3%，达进度。",
      },
    ]);
  });

  it("a year-end summary says 全年 and ends with next year's plans; a target without figures says so", () => {
    const blocks = draftSection(
      PLAN_SECTION,
      "年度总结",
      [{ ...projects, actual: null }],
      "2027-Q4",
    );
    expect(blocks.slice(-3)).toEqual([
      { type: "paragraph", text: "【全年落实情况（计划：新增规上企业3家）】" },
      { type: "heading", level: 2, text: "2028年工作打算" },
      { type: "paragraph", text: "【2028年本领域的工作打算】" },
    ]);
    expect(blocks[1]).toEqual({
      type: "paragraph",
      text: "主要指标：引进过亿元项目：全年目标5个，尚无报送数字。",
    });
    expect(
      targetFact(
        { name: "地区生产总值增长", value: "6", unit: "%", qualifier: "以上", actual: 6.4 },
        "2027-06",
      ),
    ).toBe("地区生产总值增长：全年目标6%以上，截至6月底为6.4%，达进度");
    // A figure older than the report's period says so, and is rated when it was.
    expect(targetFact({ ...projects, actual: 4, asOf: "2027-Q3" }, "2027-Q4")).toBe(
      "引进过亿元项目：全年目标5个，截至9月底完成4个，占全年目标80%，达进度",
    );
    expect(reportFigure({ ...projects, actual: "4", actualPeriod: "2027-Q3" }, "2027-Q4")).toEqual({
      text: "4个（截至9月底）",
      assessed: expect.objectContaining({ rating: "达进度" }),
    });
    expect(
      reportFigure({ ...projects, actual: "2", actualPeriod: "2027-Q2" }, "2027-Q2")?.text,
    ).toBe("2个");
    expect(reportFigure({ ...projects, actual: null }, "2027-Q2")).toBeNull();
    // A year-end summary says 全年.
    expect(targetFact({ ...projects, actual: 5 }, "2027-12")).toBe(
      "引进过亿元项目：全年目标5个，全年完成5个，占全年目标100%，达进度",
    );
  });

  it("next year's plan takes each section's 工作打算 part, under the section's heading", () => {
    const summary = json(
      "# 一、聚力项目招引建设\n\n## 抓好园区建设\n\n园区道路完工。\n\n## 2028年工作打算\n\n新引进过亿元项目6个。\n\n### 1.园区扩区\n\n完成二期规划。",
    );
    const part = JSON.parse(nextYearPart(summary, 2028)!) as {
      root: { children: { type: string; tag?: string; children: { text: string }[] }[] };
    };
    expect(
      part.root.children.map((node) => [node.type, node.tag ?? null, node.children[0]!.text]),
    ).toEqual([
      ["heading", "h1", "一、聚力项目招引建设"],
      ["paragraph", null, "新引进过亿元项目6个。"],
      ["heading", "h3", "1.园区扩区"],
      ["paragraph", null, "完成二期规划。"],
    ]);
    // No such part, or only its empty heading: nothing to start from.
    expect(nextYearPart(PLAN_SECTION, 2028)).toBeNull();
    expect(nextYearPart(json("# 经济\n\n## 2028年工作打算"), 2028)).toBeNull();
    expect(nextYearPart("not json", 2028)).toBeNull();
  });
});
