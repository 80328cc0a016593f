import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { readDocx } from "./docx.server";
import { readPlan } from "./plan-text";

/** A .docx made as a town's clerk would make it in Word. */
async function docxOf(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  const document = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

const plain = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
const styled = (text: string, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading });
const table = (rows: string[][]) =>
  new Table({
    rows: rows.map(
      (row) =>
        new TableRow({ children: row.map((cell) => new TableCell({ children: [plain(cell)] })) }),
    ),
  });

async function planOf(children: (Paragraph | Table)[]) {
  const read = await readDocx(await docxOf(children));
  if (!read.ok) throw new Error(read.message);
  return readPlan(read.paragraphs);
}

describe("reading a Word file", () => {
  it("takes Word's heading styles as the levels, whatever the numbering", async () => {
    const plan = await planOf([
      plain("示例镇2027年工作计划"),
      plain("总体要求是：稳中求进，奋力争先。"),
      styled("一、发展壮大产业经济", HeadingLevel.HEADING_1),
      styled("抓好招商引资", HeadingLevel.HEADING_2),
      plain("全年引进项目5个以上。"),
      styled("二、全面推进乡村振兴", HeadingLevel.HEADING_1),
      plain("发展特色种植，壮大村集体经济。"),
    ]);
    expect(plan.title).toBe("示例镇2027年工作计划");
    expect(plan.preamble).toEqual(["总体要求是：稳中求进，奋力争先。"]);
    expect(plan.sections.map((s) => [s.title, s.kind])).toEqual([
      ["发展壮大产业经济", "economy"],
      ["全面推进乡村振兴", "agriculture"],
    ]);
    expect(plan.sections[0]!.blocks).toEqual([
      { type: "heading", level: 1, text: "发展壮大产业经济" },
      { type: "heading", level: 2, text: "抓好招商引资" },
      { type: "paragraph", text: "全年引进项目5个以上。" },
    ]);
  });

  it("takes bold short lines as headings where the file has no styles", async () => {
    const plan = await planOf([
      plain("示例镇2027年工作要点"),
      bold("聚焦产业发展"),
      plain("加快园区建设，推进项目落地。"),
      bold("聚焦生态环境"),
      plain("落实河长制，整治人居环境。"),
      // Bold inside a sentence is emphasis, not a heading.
      new Paragraph({
        children: [
          new TextRun("确保"),
          new TextRun({ text: "安全生产", bold: true }),
          new TextRun("零事故。"),
        ],
      }),
    ]);
    expect(plan.sections.map((s) => [s.title, s.kind])).toEqual([
      ["聚焦产业发展", "economy"],
      ["聚焦生态环境", "ecology"],
    ]);
    expect(plan.sections[1]!.blocks.at(-1)).toEqual({
      type: "paragraph",
      text: "确保安全生产零事故。",
    });
  });

  it("reads numbered plain paragraphs, and a targets table as targets", async () => {
    const plan = await planOf([
      plain("示例镇2027年工作计划"),
      plain("主要预期目标如下："),
      table([
        ["地区生产总值增长", "6%", "以上"],
        ["一般公共预算收入增长", "5%", ""],
      ]),
      plain("一、做强工业经济。推动企业技改，建设标准厂房。"),
      plain("（一）抓好园区。完善配套设施。"),
      plain("二、改善生态环境。推进大气和水污染防治。"),
      table([
        ["项目", "投资（亿元）"],
        ["污水处理厂", "1.2"],
      ]),
    ]);
    expect(plan.targets).toEqual([
      { name: "地区生产总值增长", value: "6", unit: "%", qualifier: "以上" },
      { name: "一般公共预算收入增长", value: "5", unit: "%", qualifier: null },
    ]);
    expect(plan.preamble).toEqual([]);
    expect(plan.sections.map((s) => s.title)).toEqual(["做强工业经济", "改善生态环境"]);
    expect(plan.sections[1]!.blocks.at(-1)).toEqual({
      type: "table",
      rows: [
        ["项目", "投资（亿元）"],
        ["污水处理厂", "1.2"],
      ],
      text: "项目投资（亿元）污水处理厂1.2",
    });
  });

  it.each(["web-page.txt", "summary-and-plan.txt"])(
    "reads %s the same whether it comes as text or as a Word file of its lines",
    async (name) => {
      const text = readFileSync(join(__dirname, "fixtures", name), "utf8");
      const read = await readDocx(await docxOf(text.split("\n").map(plain)));
      if (!read.ok) throw new Error(read.message);
      const fromText = readPlan(text);
      const fromWord = readPlan(read.paragraphs);
      expect(fromWord).toEqual(fromText);
      expect(fromText.sections.length).toBeGreaterThan(3);
    },
  );

  it("refuses what is not a .docx, and a broken one, in Chinese", async () => {
    expect(await readDocx(new TextEncoder().encode("纯文本"))).toMatchObject({
      ok: false,
      message: expect.stringContaining("不是 .docx"),
    });
    const broken = (await docxOf([plain("示例")])).slice(0, 200);
    expect(await readDocx(broken)).toMatchObject({
      ok: false,
      message: expect.stringContaining("损坏"),
    });
    expect(await readDocx(await docxOf([plain("  ")]))).toMatchObject({
      ok: false,
      message: "这个 Word 文件中没有文字。",
    });
  });
});
