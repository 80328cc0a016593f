import { describe, expect, it } from "vitest";

import { json } from "./fixtures";
import { sectionBlocks } from "./document-diff";
import {
  captionCount,
  convertContent,
  convertHeading,
  convertInlines,
  convertList,
  convertParagraph,
  convertTable,
  convertText,
  type DocumentBlock,
  newContext,
  planBlocks,
  signatureBlocks,
  targetsSentence,
} from "./model";
import { exportInput, issuedInput, TARGETS } from "./fixtures";
import type { PublicationChoice } from "./publication";

const text = (blocks: DocumentBlock[]) =>
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
    const headings = (blocks: DocumentBlock[]) =>
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

  it("table captions: 表N through the plan (the targets table first), centred and kept with their table", () => {
    const captioned = (title: string) =>
      JSON.stringify({
        root: {
          type: "root",
          children: [
            { type: "tablecaption", children: [{ type: "text", text: title }] },
            {
              type: "table",
              children: [
                {
                  type: "tablerow",
                  children: [
                    {
                      type: "tablecell",
                      children: [{ type: "paragraph", children: [{ type: "text", text: "项目" }] }],
                    },
                  ],
                },
              ],
            },
            // Empty: neither printed nor counted.
            { type: "tablecaption", children: [{ type: "text", text: "表9 " }] },
          ],
        },
      });
    const input = exportInput({
      targetsAsTable: true,
      sections: [
        { title: "经济发展", content: captioned("表5 重点项目安排") },
        { title: "农业农村", content: captioned("高标准农田建设") },
      ],
    });
    const blocks = planBlocks(input);
    const captions = blocks.flatMap((b) =>
      b.kind === "paragraph" && b.style === "tableCaption" ? [b] : [],
    );
    expect(captions.map((b) => b.runs.map((r) => r.text).join(""))).toEqual([
      "表1\u3000主要预期目标",
      "表2\u3000重点项目安排",
      "表3\u3000高标准农田建设",
    ]);
    expect(captions.every((b) => b.keepWithNext)).toBe(true);
    for (const caption of captions) expect(blocks[blocks.indexOf(caption) + 1]!.kind).toBe("table");
    // The editor's count for the next section, and a section read alone from its number.
    expect(captionCount(input.sections[0]!.content)).toBe(1);
    expect(captionCount(null)).toBe(0);
    const alone = sectionBlocks(input.sections[1]!.content, { position: 2, firstTableNumber: 3 });
    expect(text(alone)[0]).toBe("表3\u3000高标准农田建设");
    // Without the targets table the first section's caption is 表1.
    const plain = planBlocks({ ...input, targetsAsTable: false });
    expect(text(plain)).toContain("表1\u3000重点项目安排");
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
    expect(signatureBlocks(["示例镇人民政府"], "2027-01-15")).toEqual([
      { kind: "paragraph", style: "blank", runs: [], keepWithNext: true },
      {
        kind: "paragraph",
        style: "signature",
        runs: [{ text: "示例镇人民政府" }],
        align: "left",
        leftIndent: 17.5,
        keepWithNext: true,
      },
      {
        kind: "paragraph",
        style: "signature",
        runs: [{ text: "2027年1月15日" }],
        align: "left",
        leftIndent: 19.5,
      },
    ]);
  });

  it("ignores content it cannot read rather than failing the export", () => {
    expect(convertContent("not json", newContext())).toEqual([]);
    expect(text(convertContent(json("正文一段。"), newContext()))).toEqual(["正文一段。"]);
  });
});

describe("publication formats (GB/T 9704 §7.2, §7.4)", () => {
  const published = (choice: Partial<PublicationChoice>) => issuedInput(choice);
  const kinds = (blocks: DocumentBlock[]) => blocks.map((b) => b.kind);

  it("文件式: the red mark, the 文号 over the red line, the title, the text, the signature, the 版记", () => {
    const blocks = planBlocks(published({ format: "file", publicRelease: true }));
    expect(blocks[0]).toEqual({ kind: "issuerMark", names: ["示例镇人民政府"] });
    const lines = text(blocks);
    expect(lines.slice(1, 9)).toEqual([
      "",
      "",
      "示政发〔2027〕3号",
      "",
      "",
      "示例镇2027年工作计划",
      "",
      "2027年是“十五五”规划实施的关键一年，今年全镇工作的总体要求是：坚持稳中求进。",
    ]);
    const number = blocks.find((b) => b.kind === "paragraph" && b.style === "documentNumber");
    expect(number).toMatchObject({ redRuleBelow: true });
    expect(lines.slice(-4, -1)).toEqual(["示例镇人民政府", "2027年1月15日", "（此件公开发布）"]);
    expect(blocks.at(-1)).toEqual({
      kind: "colophon",
      copyTo: "抄送：县委办公室，县政府办公室。",
      printer: "示例镇党政办公室",
      printedOn: "2027年1月15日印发",
    });
    // The 文号 is in the 版头 only, and the signature keeps with the text's last paragraph.
    expect(lines.filter((l) => l === "示政发〔2027〕3号")).toHaveLength(1);
    const closing = blocks.findIndex(
      (b) => b.kind === "paragraph" && /^全镇上下/.test(b.runs[0]?.text ?? ""),
    );
    expect(blocks.slice(closing, -3).every((b) => b.kind === "paragraph" && b.keepWithNext)).toBe(
      true,
    );
  });

  it("通知式: a signed 印发通知 to the 主送, then the plan on a new page as its attachment", () => {
    const blocks = planBlocks(published({ format: "notice", issuer: "joint" }));
    expect(blocks[0]).toEqual({
      kind: "issuerMark",
      names: ["中共示例镇委员会", "示例镇人民政府"],
    });
    const lines = text(blocks);
    expect(lines.slice(6, 14)).toEqual([
      "中共示例镇委员会 示例镇人民政府关于印发《示例镇2027年工作计划》的通知",
      "",
      "各村（社区），镇属各部门、各单位：",
      "现将《示例镇2027年工作计划》印发给你们，请认真贯彻落实。",
      "",
      "附件：示例镇2027年工作计划",
      "",
      "中共示例镇委员会",
    ]);
    const label = blocks.findIndex((b) => b.kind === "paragraph" && b.style === "attachmentLabel");
    expect(blocks[label]).toMatchObject({ runs: [{ text: "附件" }], pageBreakBefore: true });
    expect(text(blocks.slice(label, label + 3))).toEqual(["附件", "", "示例镇2027年工作计划"]);
    // The attachment is not signed again: the notice's signature is the only one.
    expect(lines.filter((l) => l === "2027年1月15日")).toHaveLength(1);
    expect(kinds(blocks).at(-1)).toBe("colophon");
  });

  it("a sealed document leaves two blank lines for the seal and puts the date 4 from the right", () => {
    const blocks = planBlocks(published({ format: "file", sealed: true }));
    const date = blocks.findIndex(
      (b) => b.kind === "paragraph" && b.runs[0]?.text === "2027年1月15日",
    );
    expect(blocks[date]).toMatchObject({ align: "right", rightIndent: 4 });
    expect(text(blocks.slice(date - 3, date))).toEqual(["", "", "示例镇人民政府"]);
  });

  it("a draft never carries a red head or a 版记, whatever was chosen", () => {
    const input = { ...published({ format: "file" }), draft: true };
    expect(kinds(planBlocks(input))).not.toContain("issuerMark");
    expect(kinds(planBlocks(input))).not.toContain("colophon");
    expect(text(planBlocks(input))[1]).toBe("（征求意见稿）");
  });

  it("plain format keeps the title, the 文号 under it and the chosen issuers' signature", () => {
    const lines = text(planBlocks(published({ format: "plain", issuer: "party" })));
    expect(lines.slice(0, 2)).toEqual(["示例镇2027年工作计划", "示政发〔2027〕3号"]);
    expect(lines.at(-2)).toBe("中共示例镇委员会");
  });
});
