import { describe, expect, it } from "vitest";

import { markdownToContent } from "./content.server";
import { blocksOf, diffContents, diffTexts, summarize } from "./diff";

const json = (markdown: string) => JSON.stringify(markdownToContent(markdown));

describe("diff of Chinese text", () => {
  it("marks characters changed inside a paragraph", () => {
    const rows = diffTexts(["全年引进过亿元项目5个。"], ["全年引进过亿元项目8个以上。"]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.change).toBe("changed");
    const added = rows[0]!.parts
      .filter((p) => p.change === "added")
      .map((p) => p.text)
      .join("");
    const removed = rows[0]!.parts
      .filter((p) => p.change === "removed")
      .map((p) => p.text)
      .join("");
    expect(removed).toBe("5");
    expect(added).toBe("8以上");
    expect(summarize(rows)).toEqual({ added: 3, removed: 1 });
  });

  it("keeps unchanged paragraphs and shows added and removed ones whole", () => {
    const before = json("# 经济发展\n\n第一段。\n\n第二段。");
    const after = json("# 经济发展\n\n第一段。\n\n新增的一段。\n\n第二段。\n\n- 列表项");
    const rows = diffContents(before, after);
    expect(rows.map((r) => r.change)).toEqual(["same", "same", "added", "same", "added"]);
    expect(rows[2]!.parts[0]!.text).toBe("新增的一段。");
    expect(rows[4]!.parts[0]!.text).toBe("列表项");
  });

  it("splits content into blocks: headings, paragraphs, list items", () => {
    expect(blocksOf(json("# 标题\n\n正文。\n\n- 甲\n- 乙"))).toEqual([
      "标题",
      "正文。",
      "甲",
      "乙",
    ]);
    expect(blocksOf("not json")).toEqual([]);
  });
});
