import { describe, expect, it } from "vitest";

import { storedContent } from "./stored-content";

describe("storedContent", () => {
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
    expect(storedContent(state).root.children[0]).toEqual({
      type: "paragraph",
      children: [text("全年引进"), text("亿元以上"), text("项目"), text("5个。")],
    });
  });

  it("stores the editor's page headings as plain headings", () => {
    const state = {
      root: {
        type: "root",
        children: [
          { type: "page-heading", tag: "h1", children: [{ type: "text", text: "总体要求" }] },
        ],
      },
    };
    expect(storedContent(state).root.children[0]).toMatchObject({ type: "heading", tag: "h1" });
  });
});
