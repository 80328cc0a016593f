import { describe, expect, it } from "vitest";

import { countPlaceholders } from "./nodes";
import { markYearPhrases, markYearPhrasesInContent } from "./year-phrases";

describe("last year's words in a plan carried over", () => {
  it("asks for the sentence on the year's character to be written anew", () => {
    expect(
      markYearPhrases(
        "2026年是“十五五”规划开局之年，做好全年工作意义重大。全镇上下要再接再厉。",
        2026,
        2027,
      ),
    ).toBe("【2027年是……】全镇上下要再接再厉。");
  });

  it("marks every other mention of last year and the year before", () => {
    expect(markYearPhrases("巩固2025年成果，确保2026年目标全面完成。", 2026, 2027)).toBe(
      "巩固【2025年】成果，确保【2026年】目标全面完成。",
    );
  });

  it("leaves other years and existing placeholders alone", () => {
    const text = "到2030年基本实现【请填写】，2027年起施行。";
    expect(markYearPhrases(text, 2026, 2027)).toBe(text);
    expect(markYearPhrases("【2026年】已标出", 2026, 2027)).toBe("【2026年】已标出");
  });

  it("works through stored editor content, so the 【】 hold the plan back", () => {
    const json = JSON.stringify({
      root: {
        type: "root",
        children: [
          { type: "paragraph", children: [{ type: "text", text: "2026年是关键之年。" }] },
          { type: "paragraph", children: [{ type: "text", text: "全面完成2026年各项任务。" }] },
        ],
      },
    });
    const marked = markYearPhrasesInContent(json, 2026, 2027);
    expect(countPlaceholders(marked)).toBe(2);
    expect(marked).toContain("【2027年是……】");
    expect(marked).toContain("全面完成【2026年】各项任务。");
  });
});
