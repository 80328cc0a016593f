import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { cleanText, normalisePunctuation } from "./clean-text";
import { decodeText } from "./decode";
import { matchKinds, readPlan } from "./plan-text";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name));
const webPage = fixture("web-page.txt").toString("utf8");

describe("cleaning published text", () => {
  it("normalises punctuation and spaces as an official document writes them", () => {
    expect(
      normalisePunctuation("收入增长 6% 以上,规上工业(含技改)增长8%;总投资1,200万元:10:30开会"),
    ).toBe("收入增长6%以上，规上工业（含技改）增长8%；总投资1,200万元：10:30开会");
    expect(normalisePunctuation("索 引 号:0000143")).toBe("索引号：0000143");
    expect(normalisePunctuation("全年完成２０２７年目标１２％")).toBe("全年完成2027年目标12%");
  });

  it("drops the web page around the plan and keeps the title", () => {
    const clean = cleanText(webPage);
    expect(clean.title).toBe("示例镇2027年工作计划");
    expect(clean.year).toBe(2027);
    expect(clean.skipped.map((s) => s.text)).toEqual([
      "索引号：11370000-0000/2026-00031",
      "发布机构：示例镇人民政府",
      "成文时间：2027年02月18日",
      "标题：示例镇2027年工作计划",
      "当前位置：首页>政务公开>计划总结",
      "来源：示例镇党政办时间：2027-02-18 09:12:05浏览次数：316",
      "本文档由用户上传，如有侵权请联系客服删除。",
    ]);
    expect(clean.paragraphs[0]!.text).toMatch(/^2027年是全面落实/);
    expect(clean.paragraphs.map((p) => p.text).join("")).not.toMatch(/浏览次数|客服|索引号/);
  });

  it("joins lines a PDF broke inside sentences back into paragraphs", () => {
    const paragraphs = cleanText(webPage).paragraphs.map((p) => p.text);
    // The same text, one line every 25 characters, as copied from a PDF.
    const wrapped = ["示例镇2027年工作计划", ""]
      .concat(paragraphs.flatMap((p) => p.match(/.{1,25}/g)!))
      .join("\n");
    expect(cleanText(wrapped).paragraphs.map((p) => p.text)).toEqual(paragraphs);
  });
});

describe("reading a plan", () => {
  it("finds the preamble, the targets, six sections with their kinds, and the closing", () => {
    const plan = readPlan(webPage);
    expect(plan).toMatchObject({ title: "示例镇2027年工作计划", year: 2027, kind: "工作计划" });
    expect(plan.preamble).toEqual([
      "2027年是全面落实“十五五”规划的重要一年，做好全年工作意义重大。全镇工作的总体要求是：坚持稳中求进，聚焦产业强镇、生态美镇、民生惠镇，奋力推动全镇高质量发展。",
      // What cannot be measured stays in the text.
      "主要预期目标是：全面完成上级下达的约束性指标。围绕上述目标，重点抓好以下六个方面工作：",
    ]);
    expect(plan.targets).toEqual([
      { name: "地方生产总值增长", value: "6", unit: "%", qualifier: null },
      { name: "一般公共预算收入增长", value: "6", unit: "%", qualifier: "以上" },
      { name: "规上工业增加值增长", value: "8", unit: "%", qualifier: "左右" },
      { name: "城镇登记失业率控制在", value: "3", unit: "%", qualifier: "以内" },
      { name: "完成固定资产投资", value: "5.5", unit: "亿元", qualifier: null },
      { name: "新增市场主体达到", value: "120", unit: "个", qualifier: null },
    ]);
    expect(plan.sections.map((s) => [s.title, s.kind])).toEqual([
      ["聚力项目建设，增强经济发展新动能", "economy"],
      ["推进乡村振兴，建设宜居宜业和美乡村", "agriculture"],
      ["提升城镇品质，完善基础设施", "urban"],
      ["守护绿水青山，持续改善生态环境", "ecology"],
      ["办好民生实事，增进群众福祉", "livelihood"],
      ["加强基层治理，全面从严管党治党", "governance"],
    ]);
    expect(plan.closing).toEqual([
      "新的一年，全镇上下要凝心聚力、苦干实干，确保全年各项目标任务圆满完成！",
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it("splits a heading that starts its paragraph, and keeps 一是…二是 inside paragraphs", () => {
    const economy = readPlan(webPage).sections[0]!;
    expect(economy.blocks).toEqual([
      { type: "heading", level: 1, text: "聚力项目建设，增强经济发展新动能" },
      {
        type: "paragraph",
        text: "坚持项目为王，全年计划引进过亿元项目5个以上，推动在谈项目尽快签约落地。",
      },
      { type: "heading", level: 2, text: "抓好园区提升" },
      { type: "paragraph", text: "完善园区水电路气配套，建设标准厂房3万平方米。" },
      { type: "heading", level: 2, text: "优化营商环境" },
      {
        type: "paragraph",
        text: "推行企业开办“一窗通办”，一是压缩办理时限，二是做好帮办代办服务。",
      },
    ]);
    expect(economy.characters).toBe(economy.blocks.reduce((n, b) => n + b.text.length, 0));
  });

  it("takes （一） as the top level when the document numbers its parts so", () => {
    const text = [
      "某镇2025年工作要点",
      "",
      "总体要求是：稳中求进。",
      "",
      "（一）聚焦工业经济，在项目建设上求突破。",
      "1.抓好招商。年内引进项目5个。",
      "2.抓好技改。推动企业设备更新。",
      "（二）聚焦民生保障，在教育医疗上求突破。",
      "办好学校和卫生院。",
    ].join("\n");
    const plan = readPlan(text);
    expect(plan.kind).toBe("工作要点");
    expect(plan.sections.map((s) => s.title)).toEqual([
      "聚焦工业经济，在项目建设上求突破",
      "聚焦民生保障，在教育医疗上求突破",
    ]);
    expect(plan.sections[0]!.blocks.filter((b) => b.type === "heading")).toEqual([
      { type: "heading", level: 1, text: "聚焦工业经济，在项目建设上求突破" },
      { type: "heading", level: 2, text: "抓好招商" },
      { type: "heading", level: 2, text: "抓好技改" },
    ]);
    expect(plan.warnings).toEqual(["未识别出主要预期目标"]);
  });

  it("keeps the plan of a 总结和计划 document and says the summary was skipped", () => {
    const plan = readPlan(fixture("summary-and-plan.txt").toString("utf8"));
    expect(plan.year).toBe(2026);
    expect(plan.sections.map((s) => [s.title, s.kind])).toEqual([
      ["全力抓好招商引资和项目建设", "economy"],
      ["扎实推进乡村振兴", "agriculture"],
      ["持续改善生态环境", "ecology"],
      ["加强基层社会治理", "governance"],
    ]);
    expect(plan.targets).toEqual([
      { name: "地方生产总值增长", value: "6", unit: "%", qualifier: "左右" },
      { name: "一般公共预算收入增长", value: "5", unit: "%", qualifier: "以上" },
    ]);
    expect(plan.skipped.map((s) => s.reason)).toContain(
      "上年工作总结，不属于本年计划（可另行导入为工作总结）",
    );
    expect(plan.skipped.map((s) => s.text).join("")).toContain("2026年工作总结");
    expect(
      plan.sections
        .flatMap((s) => s.blocks)
        .map((b) => b.text)
        .join(""),
    ).not.toContain("完成农村改厕600户");
  });

  it("says so when it finds no numbered parts", () => {
    const plan = readPlan("这是一段没有标题和编号的文字。");
    expect(plan.sections).toEqual([]);
    expect(plan.warnings).toEqual([
      "未识别出章节：没有找到“一、”“（一）”等编号的标题",
      "未识别出主要预期目标",
      "未识别出标题，请填写年度",
    ]);
  });

  it("gives each kind once, to the part that matches it best", () => {
    expect(
      matchKinds([
        { title: "加快产业发展", body: "招商引资，项目建设，工业企业。" },
        { title: "做强工业经济", body: "企业技改，园区建设，招商引资。" },
        { title: "关于其他事项", body: "做好有关工作。" },
      ]),
    ).toEqual(["custom", "economy", "custom"]);
  });

  it("leaves a part custom when the kind it fits best went to another part", () => {
    expect(
      matchKinds([
        { title: "坚守安全稳定廉洁底线", body: "安全生产，信访稳定，廉洁从政。" },
        {
          title: "转变干部作风",
          body: "作风建设，作风整顿，作风督查，作风考核。深入农村，服务农民，发展农业，帮助村集体和合作社销售农产品。",
        },
      ]),
    ).toEqual(["governance", "custom"]);
  });
});

describe("decoding a .txt file", () => {
  it("reads UTF-8 and GB18030 (as Chinese Windows saves it) to the same text", () => {
    const utf8 = decodeText(fixture("web-page.txt"));
    const gb = decodeText(fixture("web-page.gb18030.txt"));
    expect(gb).toEqual(utf8);
    expect(utf8).toMatchObject({ ok: true, text: expect.stringContaining("示例镇2027年工作计划") });
  });

  it("refuses empty, binary and oversized files in Chinese", () => {
    expect(decodeText(new Uint8Array())).toEqual({
      ok: false,
      message: expect.stringContaining("空"),
    });
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toMatchObject({
      ok: false,
      message: expect.stringContaining("不是文本文件"),
    });
    expect(decodeText(new Uint8Array(10 * 1024 * 1024 + 1))).toMatchObject({
      ok: false,
      message: expect.stringContaining("10 MB"),
    });
  });
});
