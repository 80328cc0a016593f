import { describe, expect, it } from "vitest";

import { checkContent } from "~/editor/content.server";

import { blocksToContent } from "./content.server";

type Node = { type: string; tag?: string; text?: string; headerState?: number; children?: Node[] };

const textOf = (node: Node): string => node.text ?? (node.children ?? []).map(textOf).join("");

describe("an imported section as editor content", () => {
  it("keeps headings at their levels, text as written and tables as tables", () => {
    const content = blocksToContent([
      { type: "heading", level: 1, text: "聚力项目建设" },
      { type: "paragraph", text: "1.研究制定园区发展方案，*重点*推进。" },
      { type: "heading", level: 2, text: "抓好园区提升" },
      {
        type: "table",
        rows: [
          ["项目", "投资（亿元）"],
          ["污水处理厂", "1.2"],
        ],
        text: "",
      },
    ]) as unknown as { root: Node };
    const blocks = content.root.children!;
    expect(blocks.map((b) => [b.type, b.tag ?? null, textOf(b)])).toEqual([
      ["heading", "h1", "聚力项目建设"],
      ["paragraph", null, "1.研究制定园区发展方案，*重点*推进。"],
      ["heading", "h2", "抓好园区提升"],
      ["table", null, "项目投资（亿元）污水处理厂1.2"],
    ]);
    // The header row prints as a header; the editor accepts what was built.
    expect(blocks[3]!.children![0]!.children!.map((c) => c.headerState)).toEqual([1, 1]);
    expect(checkContent(JSON.stringify(content)).ok).toBe(true);
  });

  it("makes a 表N line right above a table its caption, numbered by its place from then on", () => {
    const table = { type: "table" as const, rows: [["项目", "投资"]], text: "" };
    const content = blocksToContent([
      { type: "paragraph", text: "表2　重点项目安排" },
      table,
      { type: "paragraph", text: "表彰先进集体。" },
      { type: "paragraph", text: "表3 不在表格上方的一行" },
      { type: "paragraph", text: "正文" },
    ]) as unknown as { root: Node };
    expect(content.root.children!.map((b) => [b.type, textOf(b)])).toEqual([
      ["tablecaption", "重点项目安排"],
      ["table", "项目投资"],
      ["paragraph", "表彰先进集体。"],
      ["paragraph", "表3 不在表格上方的一行"],
      ["paragraph", "正文"],
    ]);
    // What the fast check and the headless editor both accept as saved content.
    const check = checkContent(JSON.stringify(content));
    expect(check.ok).toBe(true);
    expect(checkContent(JSON.stringify(content), { fast: false }).ok).toBe(true);
  });
});
