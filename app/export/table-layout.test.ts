import { describe, expect, it } from "vitest";

import { columnWidths, isFigure } from "./table-layout";

describe("table columns", () => {
  const targets = [
    ["序号", "指标", "预期目标", "上年完成", "责任单位"],
    ["1", "地区生产总值增长", "6%以上", "5.5%", "经济发展办公室"],
    ["2", "一般公共预算收入增长", "5%左右", "4.8%", "财政所"],
  ];

  it("are as wide as what they hold, and fill the table exactly", () => {
    const widths = columnWidths(targets, 8845);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8845);
    const [number, name, target, last, office] = widths as [number, number, number, number, number];
    expect(number).toBeLessThan(target);
    expect(name).toBeGreaterThan(target);
    expect(office).toBeGreaterThan(last);
    // 指标 holds 10 characters; it gets about twice the room of 预期目标 (4 characters).
    expect(name / target).toBeGreaterThan(1.8);
  });

  it("keep short columns whole when the table is too narrow for all, and let names wrap", () => {
    const rows = [
      ["序号", "指标", "全年目标", "截至6月底", "进度", "责任单位"],
      ["1", "农村居民人均可支配收入增长", "7%左右", "7%", "达进度", "农业农村办公室"],
    ];
    const widths = columnWidths(rows, 8845);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8845);
    // 进度 holds three characters (840 twips) plus its margins.
    expect(widths[4]).toBeGreaterThanOrEqual(4 * 280);
    expect(widths[3]).toBeGreaterThanOrEqual(5.5 * 280);
    expect(widths[1]).toBeGreaterThan(widths[5]!);
  });

  it("let one very long cell wrap instead of squeezing every other column", () => {
    const widths = columnWidths(
      [
        ["项目", "说明"],
        ["甲", "很长的说明".repeat(20)],
      ],
      8000,
    );
    expect(widths[0]).toBeGreaterThan(8000 * 0.15);
  });

  it("tell figures from words", () => {
    for (const figure of ["8", "6.5%", "1.2亿元", "5万亩", "3%以内", "100个以上", "—", "-2.5%"]) {
      expect(isFigure(figure), figure).toBe(true);
    }
    for (const words of ["地区生产总值", "经济发展办公室", "2027年", "第1项", ""]) {
      expect(isFigure(words), words).toBe(false);
    }
  });
});
