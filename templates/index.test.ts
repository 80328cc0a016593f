import { describe, expect, it } from "vitest";

import { fillTemplate, loadPlanTemplate, loadTargetTemplates, splitFrontMatter } from "./index";

describe("plan templates", () => {
  it("the skeleton gives a title pattern, a preamble and a closing", () => {
    const plan = loadPlanTemplate();
    expect(
      fillTemplate(plan.titlePattern, { townName: "示例镇", year: 2027, kind: "工作计划" }),
    ).toBe("示例镇2027年工作计划");
    expect(
      fillTemplate(plan.titlePattern, { townName: "示例镇", year: 2027, kind: "工作要点" }),
    ).toBe("示例镇2027年工作要点");
    expect(plan.preamble).toMatch(/【[^】]+】/);
    expect(plan.closing.length).toBeGreaterThan(20);
  });

  it("the default targets are named rows with numeric values", () => {
    const targets = loadTargetTemplates();
    expect(targets[0]).toEqual({
      name: "地区生产总值增长",
      value: 6,
      unit: "%",
      qualifier: "以上",
    });
    expect(targets.every((t) => t.name && Number.isFinite(t.value))).toBe(true);
  });

  it("front matter is split from the body", () => {
    expect(splitFrontMatter('---\nkind: economy\ntitle: "经济发展"\n---\n# 标题')).toEqual({
      meta: { kind: "economy", title: "经济发展" },
      body: "# 标题",
    });
  });
});
