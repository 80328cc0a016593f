import { describe, expect, it } from "vitest";

import {
  balancedTitleLines,
  CHARACTER_SQUEEZE,
  CHARACTERS_PER_LINE,
  formatDocumentDate,
  LINE_PITCH,
  MARGIN,
  PAGE,
  signaturePlacement,
  textWidth,
} from "./layout";

describe("the page", () => {
  it("holds 22 lines of 28 characters", () => {
    const height = PAGE.height - MARGIN.top - MARGIN.bottom;
    expect(Math.floor(height / LINE_PITCH)).toBe(22);
    const width = PAGE.width - MARGIN.left - MARGIN.right;
    const character = 16 * 20 + CHARACTER_SQUEEZE; // twips
    expect(Math.floor(width / character)).toBe(CHARACTERS_PER_LINE);
  });
});

describe("formatDocumentDate", () => {
  it("writes Arabic numerals without zero padding", () => {
    expect(formatDocumentDate("2027-01-05")).toBe("2027年1月5日");
    expect(formatDocumentDate("2027-12-31")).toBe("2027年12月31日");
  });
});

describe("balancedTitleLines", () => {
  it("keeps a short title on one line", () => {
    expect(balancedTitleLines("示例镇2027年工作计划")).toEqual(["示例镇2027年工作计划"]);
  });

  it("breaks a long title into lines of nearly equal width, not inside a number", () => {
    const lines = balancedTitleLines(
      "中共示例镇委员会示例镇人民政府关于印发示例镇2027年工作要点的通知",
    );
    expect(lines).toHaveLength(2);
    expect(lines.join("")).toBe("中共示例镇委员会示例镇人民政府关于印发示例镇2027年工作要点的通知");
    const [a, b] = lines.map(textWidth);
    expect(Math.abs(a! - b!)).toBeLessThanOrEqual(1.5);
    expect(lines.every((line) => !/\d$/.test(line) || !/^\d/.test(lines[1]!))).toBe(true);
  });
});

describe("signaturePlacement (no seal)", () => {
  it("puts the issuer 2 characters from the right and the date 2 right of its start", () => {
    // issuer 11 wide starts at 15; the date (6.5 wide) starts at 17 and ends at 23.5.
    expect(signaturePlacement("中共示例镇委员会办公室", "2027年1月15日")).toEqual({
      issuerRight: 2,
      dateRight: 4.5,
    });
  });

  it("moves the issuer left when the date would reach the margin", () => {
    // 示例镇人民政府 and the date are both 7 wide: the date keeps 2 from the right.
    expect(signaturePlacement("示例镇人民政府", "2027年12月15日")).toEqual({
      issuerRight: 4,
      dateRight: 2,
    });
  });
});
