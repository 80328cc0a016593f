import { describe, expect, it } from "vitest";

import { toFullWidthPunctuation } from "./punctuation";

describe("toFullWidthPunctuation", () => {
  it("turns ASCII marks in Chinese text full-width and drops the spaces around them", () => {
    expect(toFullWidthPunctuation("全年引进项目5个, 其中工业项目3个; 确保:落地(开工)!")).toBe(
      "全年引进项目5个，其中工业项目3个；确保：落地（开工）！",
    );
  });

  it("ends a Chinese sentence with 。 and curls quotes around Chinese", () => {
    expect(toFullWidthPunctuation('打造"状元文化小镇".')).toBe("打造“状元文化小镇”。");
  });

  it("leaves numbers, times and Latin text alone", () => {
    expect(toFullWidthPunctuation("增长6.5%，投资1,000万元，12:30开会")).toBe(
      "增长6.5%，投资1,000万元，12:30开会",
    );
    expect(toFullWidthPunctuation("GDP (current prices), 5G")).toBe("GDP (current prices), 5G");
  });
});
