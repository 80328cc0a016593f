import { describe, expect, it } from "vitest";

import { locateQuote, withoutMarks } from "./marks";

describe("withoutMarks", () => {
  it("unwraps comment marks, nested or not, keeping the text in place", () => {
    const text = (t: string) => ({ type: "text", text: t });
    const state = {
      root: {
        type: "root",
        children: [
          {
            type: "paragraph",
            children: [
              text("全年引进"),
              {
                type: "mark",
                ids: ["a"],
                children: [
                  text("亿元以上"),
                  { type: "mark", ids: ["b"], children: [text("项目")] },
                ],
              },
              text("5个。"),
            ],
          },
        ],
      },
    };
    expect(withoutMarks(state).root.children[0]).toEqual({
      type: "paragraph",
      children: [text("全年引进"), text("亿元以上"), text("项目"), text("5个。")],
    });
  });
});

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
