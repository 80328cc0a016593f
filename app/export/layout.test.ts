import { describe, expect, it } from "vitest";

import {
  balancedTitleLines,
  CHARACTER_SQUEEZE,
  CHARACTERS_PER_LINE,
  formatDocumentDate,
  LINE_PITCH,
  MARGIN,
  PAGE,
  markSize,
  copyToLineCount,
  printedDateWidth,
  signatureLayout,
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

describe("signatureLayout (GB/T 9704 §7.3.5)", () => {
  it("no seal: the issuer 2 characters from the right, the date starting 2 right of it", () => {
    // issuer 11 wide starts at 15; the date (6.5 wide) starts at 17.
    expect(signatureLayout(["中共示例镇委员会办公室"], "2027年1月15日", false)).toEqual({
      blankLines: 1,
      lines: [
        { text: "中共示例镇委员会办公室", indent: { left: 15 } },
        { text: "2027年1月15日", indent: { left: 17 } },
      ],
    });
  });

  it("no seal: when the date would come nearer than 2 to the right edge, both move left", () => {
    // 示例镇人民政府 (7) would start at 19 and the date (7 wide) end at 28: both move 2 left.
    expect(signatureLayout(["示例镇人民政府"], "2027年12月15日", false)).toEqual({
      blankLines: 1,
      lines: [
        { text: "示例镇人民政府", indent: { left: 17 } },
        { text: "2027年12月15日", indent: { left: 19 } },
      ],
    });
  });

  it("no seal, joint: the bodies one under the other, starting together", () => {
    const layout = signatureLayout(["中共示例镇委员会", "示例镇人民政府"], "2027年1月15日", false);
    // 8 wide: the date would end at 26.5, so all move left by ½.
    expect(layout.lines.map((l) => l.indent)).toEqual([
      { left: 17.5 },
      { left: 17.5 },
      { left: 19.5 },
    ]);
  });

  it("sealed: two blank lines, the date 4 from the right, the issuer centred over it", () => {
    // The date prints 7.175 wide (halfway between Word and LibreOffice): its centre is 20.4125.
    expect(printedDateWidth("2027年1月15日")).toBeCloseTo(7.175);
    expect(signatureLayout(["示例镇人民政府"], "2027年1月15日", true)).toEqual({
      blankLines: 2,
      lines: [
        { text: "示例镇人民政府", indent: { left: 20.4125 - 3.5 } },
        { text: "2027年1月15日", indent: { right: 4 } },
      ],
    });
  });

  it("sealed, joint: the bodies side by side, the last centred over the date, seals apart", () => {
    const [names] = signatureLayout(
      ["中共示例镇委员会", "示例镇人民政府"],
      "2027年1月15日",
      true,
    ).lines;
    expect(names!.text).toBe("\t中共示例镇委员会\t示例镇人民政府");
    expect(names!.centerTabs).toEqual([20.4125 - 9, 20.4125]);
  });
});

describe("版头 and 版记 sizes", () => {
  it("the mark is as large as the text block's width allows, at most 60 pt", () => {
    expect(markSize(["示例镇人民政府"])).toBe(98); // 9 characters in 156 mm: 49 pt
    expect(markSize(["中共示例镇委员会", "示例镇人民政府"])).toBe(84); // 8 + 2.5 wide
    expect(markSize(["某镇"])).toBe(120);
  });

  it("抄送 wraps after 29 characters, then 26 a line under the first name", () => {
    expect(copyToLineCount("抄送：县委办公室，县政府办公室。")).toBe(1);
    expect(copyToLineCount(`抄送：${"县委办公室，".repeat(5)}县政府办公室。`)).toBe(2);
  });
});
