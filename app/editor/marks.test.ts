import { describe, expect, it } from "vitest";

import { findOccurrence, locateQuote, occurrenceAt } from "./marks";

describe("locateQuote", () => {
  it("finds a quote spanning several text nodes", () => {
    expect(locateQuote(["全年", "引进亿元", "项目"], "引进亿元项")).toEqual({
      start: [1, 0],
      end: [2, 1],
    });
  });

  it("ends a quote at the end of a node rather than the start of the next", () => {
    expect(locateQuote(["全年", "引进"], "全年")).toEqual({ start: [0, 0], end: [0, 2] });
  });

  it("answers null when the text is gone", () => {
    expect(locateQuote(["全年引进项目"], "招商引资")).toBeNull();
    expect(locateQuote(["全年"], "")).toBeNull();
  });
});

describe("comments on words that appear more than once", () => {
  const blocks = ["新建项目5个，续建项目5个。", "改造道路3条。", "完成项目5个的验收。"];

  it("counts which appearance was selected, block by block", () => {
    expect(occurrenceAt(blocks, 0, 2, "项目5个")).toBe(0);
    expect(occurrenceAt(blocks, 0, 9, "项目5个")).toBe(1);
    expect(occurrenceAt(blocks, 2, 2, "项目5个")).toBe(2);
    // A selection starting inside the words still means the appearance it is in.
    expect(occurrenceAt(blocks, 0, 11, "项目5个")).toBe(1);
  });

  it("finds that appearance again, and the first one when the text has fewer now", () => {
    expect(findOccurrence(blocks, "项目5个", 0)).toEqual({ block: 0, nth: 0 });
    expect(findOccurrence(blocks, "项目5个", 1)).toEqual({ block: 0, nth: 1 });
    expect(findOccurrence(blocks, "项目5个", 2)).toEqual({ block: 2, nth: 0 });
    expect(findOccurrence(blocks, "项目5个", 7)).toEqual({ block: 0, nth: 0 });
    expect(findOccurrence(blocks, "招商引资", 0)).toBeNull();
  });

  it("locates the nth appearance inside a block", () => {
    expect(locateQuote(["新建项目5个，", "续建项目5个。"], "项目5个", 1)).toEqual({
      start: [1, 2],
      end: [1, 6],
    });
    expect(locateQuote(["新建项目5个。"], "项目5个", 1)).toBeNull();
  });
});
