import { describe, expect, it } from "vitest";

import { json } from "./fixtures";
import {
  type Block,
  convertContent,
  convertHeading,
  convertInlines,
  convertList,
  convertParagraph,
  convertTable,
  convertText,
  newContext,
  planBlocks,
  signatureBlocks,
  targetsSentence,
} from "./model";
import { exportInput, TARGETS } from "./fixtures";

const text = (blocks: Block[]) =>
  blocks.map((b) => (b.kind === "paragraph" ? b.runs.map((r) => r.text).join("") : "[table]"));

describe("converters", () => {
  it("text: keeps bold, italic and underline, and makes punctuation full-width", () => {
    expect(convertText({ type: "text", text: "确保:落地", format: 1 | 2 | 8 })).toEqual({
      text: "确保：落地",
      bold: true,
      italic: true,
      underline: true,
    });
  });

  it("inlines: a line break starts the next run on a new line; marks only wrap text", () => {
    const runs = convertInlines([
      { type: "text", text: "第一行" },
      { type: "linebreak" },
      { type: "mark", children: [{ type: "text", text: "第二行" }] },
    ]);
    expect(runs).toEqual([{ text: "第一行" }, { text: "第二行", breakBefore: true }]);
  });

  it("paragraph: body style; an empty one is dropped", () => {
    expect(
      convertParagraph({ type: "paragraph", children: [{ type: "text", text: "正文。" }] }),
    ).toEqual([{ kind: "paragraph", style: "body", runs: [{ text: "正文。" }], align: undefined }]);
    expect(
      convertParagraph({ type: "paragraph", children: [{ type: "text", text: "  " }] }),
    ).toEqual([]);
  });

  it("headings 1–3: numbered by position in their own styles, typed numbers not doubled", () => {
    const context = newContext();
    const h = (tag: string, t: string) =>
      convertHeading({ type: "heading", tag, children: [{ type: "text", text: t }] }, context);
    expect([
      ...h("h1", "一、聚力项目招引"),
      ...h("h2", "抓好园区建设"),
      ...h("h2", "（一）强化招商"),
      ...h("h3", "1.产业链招商"),
    ]).toEqual([
      { kind: "paragraph", style: "heading1", runs: [{ text: "一、" }, { text: "聚力项目招引" }] },
      {
        kind: "paragraph",
        style: "heading2",
        runs: [{ text: "（一）" }, { text: "抓好园区建设" }],
      },
      { kind: "paragraph", style: "heading2", runs: [{ text: "（二）" }, { text: "强化招商" }] },
      { kind: "paragraph", style: "heading3", runs: [{ text: "1." }, { text: "产业链招商" }] },
    ]);
  });

  it("lists: numbered items get （1）, nested ones ①, unnumbered ones 一是 or （1） as the town chooses", () => {
    const blocks = convertList({
      type: "list",
      listType: "number",
      children: [
        { type: "listitem", children: [{ type: "text", text: "稳定面积" }] },
        {
          type: "listitem",
          children: [
            { type: "text", text: "提高单产" },
            {
              type: "list",
              listType: "number",
              children: [{ type: "listitem", children: [{ type: "text", text: "推广良种" }] }],
            },
          ],
        },
      ],
    });
    expect(text(blocks)).toEqual(["（1）稳定面积", "（2）提高单产", "①推广良种"]);
    const bulletList = {
      type: "list",
      listType: "bullet",
      children: [
        { type: "listitem", children: [{ type: "text", text: "着力转变观念。" }] },
        { type: "listitem", children: [{ type: "text", text: "强化项目支撑。" }] },
      ],
    };
    expect(text(convertList(bulletList))).toEqual(["一是着力转变观念。", "二是强化项目支撑。"]);
    expect(text(convertList(bulletList, 0, "parenthesized"))).toEqual([
      "（1）着力转变观念。",
      "（2）强化项目支撑。",
    ]);
  });

  it("tables: cell text kept; the first row is a header when marked in the editor", () => {
    const cell = (t: string, headerState = 0) => ({
      type: "tablecell",
      headerState,
      children: [{ type: "paragraph", children: [{ type: "text", text: t }] }],
    });
    const [table] = convertTable({
      type: "table",
      children: [
        { type: "tablerow", children: [cell("项目", 1), cell("投资", 1)] },
        { type: "tablerow", children: [cell("园区道路"), cell("0.5亿元")] },
      ],
    });
    expect(table).toEqual({
      kind: "table",
      headerRow: true,
      rows: [
        [[{ text: "项目" }], [{ text: "投资" }]],
        [[{ text: "园区道路" }], [{ text: "0.5亿元" }]],
      ],
    });
  });
});

describe("the document", () => {
  it("continues level-1 numbers across sections, and renumbers after reordering", () => {
    const input = exportInput();
    const headings = (blocks: Block[]) =>
      blocks.flatMap((b) =>
        b.kind === "paragraph" && b.style === "heading1"
          ? [b.runs.map((r) => r.text).join("")]
          : [],
      );
    expect(headings(planBlocks(input))).toEqual(["一、聚力项目招引建设", "二、推进乡村全面振兴"]);
    const reordered = { ...input, sections: [...input.sections].reverse() };
    expect(headings(planBlocks(reordered))).toEqual([
      "一、推进乡村全面振兴",
      "二、聚力项目招引建设",
    ]);
  });

  it("writes the targets as the usual sentence", () => {
    expect(targetsSentence(TARGETS)).toBe(
      "主要预期目标是：地区生产总值增长6%以上，一般公共预算收入增长5%左右，规上工业增加值增长8%。",
    );
  });

  it("marks a draft under the title, and shows a 文号 only when given", () => {
    const draft = text(planBlocks(exportInput({ draft: true })));
    expect(draft.slice(0, 2)).toEqual(["示例镇2027年工作计划", "（征求意见稿）"]);
    const published = text(planBlocks(exportInput({ documentNumber: "示政发〔2027〕1号" })));
    expect(published.slice(0, 2)).toEqual(["示例镇2027年工作计划", "示政发〔2027〕1号"]);
    expect(published).not.toContain("（征求意见稿）");
  });

  it("ends with a blank line, the issuer and the date placed for an unsealed document", () => {
    expect(signatureBlocks("示例镇人民政府", "2027-01-15")).toEqual([
      { kind: "paragraph", style: "blank", runs: [], keepWithNext: true },
      {
        kind: "paragraph",
        style: "signature",
        runs: [{ text: "示例镇人民政府" }],
        align: "right",
        rightIndent: 3.5,
        keepWithNext: true,
      },
      {
        kind: "paragraph",
        style: "signature",
        runs: [{ text: "2027年1月15日" }],
        align: "right",
        rightIndent: 2,
      },
    ]);
  });

  it("ignores content it cannot read rather than failing the export", () => {
    expect(convertContent("not json", newContext())).toEqual([]);
    expect(text(convertContent(json("正文一段。"), newContext()))).toEqual(["正文一段。"]);
  });
});
