import { createHash } from "node:crypto";

import { DOMParser, type Document as XmlDocument, type Element } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";

import { exportInput, issuedInput, json } from "./fixtures";
import { FONT_PRESETS } from "./fonts";
import { CHARACTER_WIDTH, COLOPHON, LINE_PITCH, MARK, markSize, mm, TEXT_WIDTH } from "./layout";
import type { PublicationChoice } from "./publication";
import { renderPlanDocx } from "./render.server";

// Conformance with EXPORT-SPEC.md, read from the produced .docx the way Word
// reads it: unzip, parse each part namespace-aware, resolve run properties
// through run → paragraph style (and its basedOn chain) → document defaults.
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

type Parts = Record<string, XmlDocument>;

async function parts(input = exportInput()): Promise<Parts> {
  const files = unzipSync(await renderPlanDocx(input));
  const parsed: Parts = {};
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith(".xml") || name.endsWith(".rels")) {
      parsed[name] = new DOMParser().parseFromString(strFromU8(bytes), "text/xml");
    }
  }
  return parsed;
}

const all = (node: XmlDocument | Element, local: string) =>
  Array.from(node.getElementsByTagNameNS(W, local)) as Element[];
const first = (node: XmlDocument | Element, local: string) => all(node, local)[0];
/** A direct child, so a paragraph's properties are not confused with a run's. */
const child = (node: Element | undefined, local: string) =>
  node
    ? (Array.from(node.childNodes).find(
        (n) => (n as Element).localName === local && (n as Element).namespaceURI === W,
      ) as Element | undefined)
    : undefined;
const attr = (node: Element | undefined, name: string) => node?.getAttributeNS(W, name) ?? null;

type RunProps = {
  ascii?: string;
  hAnsi?: string;
  eastAsia?: string;
  cs?: string;
  size?: number;
  bold?: boolean;
};

function runPropsOf(rPr: Element | undefined): RunProps {
  const props: RunProps = {};
  const fonts = child(rPr, "rFonts");
  for (const slot of ["ascii", "hAnsi", "eastAsia", "cs"] as const) {
    const value = attr(fonts, slot);
    if (value) props[slot] = value;
  }
  const size = attr(child(rPr, "sz"), "val");
  if (size) props.size = Number(size);
  const bold = child(rPr, "b");
  if (bold) props.bold = attr(bold, "val") !== "false" && attr(bold, "val") !== "0";
  return props;
}

function styleById(styles: XmlDocument, id: string): Element | undefined {
  return all(styles, "style").find((s) => attr(s, "styleId") === id);
}

/** Effective run properties: document defaults, then the style chain, then the run. */
function effectiveRun(doc: Parts, paragraph: Element, run?: Element): RunProps {
  const styles = doc["word/styles.xml"]!;
  const chain: Element[] = [];
  let id = attr(child(child(paragraph, "pPr"), "pStyle"), "val");
  while (id) {
    const style = styleById(styles, id);
    if (!style) break;
    chain.unshift(style);
    id = attr(child(style, "basedOn"), "val");
  }
  const defaults = runPropsOf(child(first(first(styles, "docDefaults")!, "rPrDefault"), "rPr"));
  return Object.assign(
    { bold: false },
    defaults,
    ...chain.map((s) => runPropsOf(child(s, "rPr"))),
    run ? runPropsOf(child(run, "rPr")) : {},
  );
}

function effectiveParagraph(doc: Parts, paragraph: Element, local: string): Element | undefined {
  const own = child(child(paragraph, "pPr"), local);
  if (own) return own;
  let id = attr(child(child(paragraph, "pPr"), "pStyle"), "val");
  while (id) {
    const style = styleById(doc["word/styles.xml"]!, id);
    const found = child(child(style, "pPr"), local);
    if (found) return found;
    id = attr(child(style, "basedOn"), "val");
  }
  return undefined;
}

const textOf = (p: Element) =>
  all(p, "t")
    .map((t) => t.textContent ?? "")
    .join("");

function paragraphs(doc: Parts) {
  const body = first(doc["word/document.xml"]!, "body")!;
  return Array.from(body.childNodes).filter((n) => (n as Element).localName === "p") as Element[];
}

function paragraphWith(doc: Parts, text: string | RegExp) {
  const found = paragraphs(doc).find((p) =>
    typeof text === "string" ? textOf(p) === text : text.test(textOf(p)),
  );
  if (!found) throw new Error(`no paragraph ${String(text)}`);
  return found;
}

function expectFont(props: RunProps, name: string, size: number) {
  expect({
    ascii: props.ascii,
    hAnsi: props.hAnsi,
    eastAsia: props.eastAsia,
    cs: props.cs,
    size: props.size,
  }).toEqual({
    ascii: name,
    hAnsi: name,
    eastAsia: name,
    cs: name,
    size,
  });
}

describe("export conformance (EXPORT-SPEC.md)", () => {
  let doc: Parts;
  beforeAll(async () => {
    doc = await parts(exportInput({ targetsAsTable: true }));
  });

  it("A4 with the standard's margins", () => {
    const sectPr = first(doc["word/document.xml"]!, "sectPr")!;
    expect(attr(child(sectPr, "pgSz"), "w")).toBe("11906");
    expect(attr(child(sectPr, "pgSz"), "h")).toBe("16838");
    const margin = child(sectPr, "pgMar");
    expect(["top", "left", "right", "bottom"].map((side) => attr(margin, side))).toEqual([
      "2098",
      "1587",
      "1474",
      "1984",
    ]);
  });

  it("22 lines a page: exact line pitch fills the text block, with the character squeeze", () => {
    const body = paragraphWith(doc, /^2027年是/);
    const spacing = effectiveParagraph(doc, body, "spacing");
    expect(attr(spacing, "lineRule")).toBe("exact");
    const pitch = Number(attr(spacing, "line"));
    expect(pitch).toBe(LINE_PITCH);
    expect(Math.floor((16838 - 2098 - 1984) / pitch)).toBe(22);
    const style = styleById(doc["word/styles.xml"]!, "GwBody");
    expect(attr(child(child(style, "rPr"), "spacing"), "val")).toBe("-5");
    // Word's character grid would make LibreOffice lay out 14 characters a line.
    const grid = first(doc["word/document.xml"]!, "docGrid");
    expect(attr(grid, "type")).toBeNull();
  });

  it("title: 2号 方正小标宋简体, centred", () => {
    const title = paragraphWith(doc, "示例镇2027年工作计划");
    expectFont(effectiveRun(doc, title, first(title, "r")), "方正小标宋简体", 44);
    expect(attr(effectiveParagraph(doc, title, "jc"), "val")).toBe("center");
  });

  it("body: 3号 仿宋_GB2312, justified, first line indented two characters", () => {
    const body = paragraphWith(doc, /^2027年是/);
    for (const run of all(body, "r")) expectFont(effectiveRun(doc, body, run), "仿宋_GB2312", 32);
    expect(attr(effectiveParagraph(doc, body, "jc"), "val")).toBe("both");
    const indent = effectiveParagraph(doc, body, "ind");
    expect(attr(indent, "firstLineChars")).toBe("200");
    expect(Number(attr(indent, "firstLine"))).toBe(640);
  });

  it("headings: 一、 黑体 not bold; （一） 楷体_GB2312; 1. 仿宋 bold — all 3号", () => {
    const h1 = paragraphWith(doc, "一、聚力项目招引建设");
    const h2 = paragraphWith(doc, "（一）抓好园区建设");
    const h3 = paragraphWith(doc, "1.产业链招商");
    for (const run of all(h1, "r")) {
      expectFont(effectiveRun(doc, h1, run), "黑体", 32);
      expect(effectiveRun(doc, h1, run).bold).toBe(false);
    }
    for (const run of all(h2, "r")) expectFont(effectiveRun(doc, h2, run), "楷体_GB2312", 32);
    for (const run of all(h3, "r")) {
      expectFont(effectiveRun(doc, h3, run), "仿宋_GB2312", 32);
      expect(effectiveRun(doc, h3, run).bold).toBe(true);
    }
    // Our own styles: nothing uses Word's built-in (blue, Latin) heading styles.
    const used = all(doc["word/document.xml"]!, "pStyle").map((s) => attr(s, "val"));
    expect(used.every((id) => id?.startsWith("Gw"))).toBe(true);
  });

  it("headings carry Word's heading names and outline levels; the text is marked Chinese", () => {
    const styles = doc["word/styles.xml"]!;
    for (const [id, name, level] of [
      ["GwHeading1", "heading 1", "0"],
      ["GwHeading2", "heading 2", "1"],
      ["GwHeading3", "heading 3", "2"],
    ]) {
      const style = all(styles, "style").find((s) => attr(s, "styleId") === id);
      expect(attr(child(style, "name"), "val")).toBe(name);
      expect(attr(first(style!, "outlineLvl"), "val")).toBe(level);
    }
    const lang = first(first(styles, "docDefaults")!, "lang");
    expect([attr(lang, "val"), attr(lang, "eastAsia")]).toEqual(["zh-CN", "zh-CN"]);
  });

  it("the font table names every font used, with the GB2312 charset and a fallback family", () => {
    const fonts = all(doc["word/fontTable.xml"]!, "font");
    const byName = new Map(fonts.map((f) => [attr(f, "name"), f]));
    for (const name of new Set(Object.values(FONT_PRESETS.standard.fonts))) {
      const font = byName.get(name);
      expect(font, name).toBeDefined();
      expect(attr(first(font!, "charset"), "val")).toBe("86");
    }
    expect(attr(first(byName.get("黑体")!, "family"), "val")).toBe("swiss");
    expect(attr(first(byName.get("仿宋_GB2312")!, "family"), "val")).toBe("roman");
    expect(attr(first(byName.get("仿宋_GB2312")!, "altName"), "val")).toBe("仿宋");
  });

  it("page numbers: — PAGE — in 4号 宋体, odd pages right and even pages left, one character in", () => {
    expect(first(doc["word/settings.xml"]!, "evenAndOddHeaders")).toBeDefined();
    const sectPr = first(doc["word/document.xml"]!, "sectPr")!;
    const rels = doc["word/_rels/document.xml.rels"]!;
    const target = (id: string | null) =>
      Array.from(rels.getElementsByTagName("Relationship"))
        .find((r) => r.getAttribute("Id") === id)
        ?.getAttribute("Target");
    const footers = Object.fromEntries(
      all(sectPr, "footerReference").map((ref) => [
        attr(ref, "type"),
        doc[
          `word/${target(ref.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id"))}`
        ]!,
      ]),
    );
    for (const [type, side, inset] of [
      ["default", "right", "right"],
      ["even", "left", "left"],
    ] as const) {
      const footer = footers[type]!;
      const p = first(footer, "p")!;
      expect(attr(child(child(p, "pPr"), "jc"), "val")).toBe(side);
      expect(attr(child(child(p, "pPr"), "ind"), inset)).toBe("280");
      expect(all(p, "instrText").map((t) => t.textContent?.trim())).toEqual(["PAGE"]);
      expect(textOf(p)).toBe("—  —");
      const styles = { "word/styles.xml": doc["word/styles.xml"]! } as Parts;
      for (const run of all(p, "r")) expectFont(effectiveRun(styles, p, run), "宋体", 28);
    }
  });

  it("tables: thin black borders, a repeated header row, rows kept whole, no wider than the text block", () => {
    const table = first(doc["word/document.xml"]!, "tbl")!;
    const borders = first(table, "tblBorders")!;
    for (const side of ["top", "bottom", "left", "right", "insideH", "insideV"]) {
      const border = child(borders, side);
      expect(attr(border, "val")).toBe("single");
      expect(attr(border, "color")).toBe("000000");
    }
    const rows = all(table, "tr");
    expect(child(child(rows[0], "trPr"), "tblHeader")).toBeDefined();
    expect(rows.every((row) => child(child(row, "trPr"), "cantSplit"))).toBe(true);
    expect(Number(attr(first(table, "tblW"), "w"))).toBeLessThanOrEqual(8845);
    const caption = paragraphWith(doc, "表1\u3000主要预期目标");
    expect(
      child(child(caption, "pPr"), "keepNext") ?? effectiveParagraph(doc, caption, "keepNext"),
    ).toBeDefined();
  });

  it("tables: columns as wide as what they hold; figures centred, words from the left", () => {
    const table = first(doc["word/document.xml"]!, "tbl")!;
    const grid = all(first(table, "tblGrid")!, "gridCol").map((col) => Number(attr(col, "w")));
    // 序号 | 指标 | 预期目标 | 上年完成 | 责任单位
    expect(grid[0]).toBeLessThan(grid[1]! / 2);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(Number(attr(first(table, "tblW"), "w")));
    const cells = all(all(table, "tr")[1]!, "tc");
    const align = (cell: Element) => attr(first(first(cell, "pPr")!, "jc"), "val");
    expect(align(cells[0]!)).toBe("center"); // 1
    expect(align(cells[2]!)).toBe("center"); // 6%以上
    expect(align(cells[1]!)).toBeNull(); // 地区生产总值增长
  });

  it("ends with the issuer and an unpadded date, placed from the left for an unsealed document", () => {
    const issuer = paragraphWith(doc, "示例镇人民政府");
    const date = paragraphWith(doc, /^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(textOf(date)).toBe("2027年1月15日");
    // 示例镇人民政府 (7 wide) and the date (6.5) started 2 apart would reach the margin:
    // both move left until the date ends 2 characters from the right.
    const left = (p: Element) => Number(attr(child(child(p, "pPr"), "ind"), "left"));
    expect(left(issuer)).toBe(Math.round(17.5 * CHARACTER_WIDTH));
    expect(left(date)).toBe(Math.round(19.5 * CHARACTER_WIDTH));
    const all_ = paragraphs(doc);
    expect(textOf(all_[all_.indexOf(issuer) - 1]!)).toBe("");
    // Kept with the closing paragraph, and no reader's own space between Chinese and digits.
    const at = all_.indexOf(issuer);
    for (const kept of all_.slice(at - 2, at + 1)) {
      expect(child(child(kept, "pPr"), "keepNext"), textOf(kept)).toBeDefined();
    }
    for (const line of [issuer, date]) {
      expect(attr(child(child(line, "pPr"), "autoSpaceDN"), "val")).toBe("false");
    }
  });

  it("marks the draft exactly when the plan is not approved", async () => {
    const has = (d: Parts) => paragraphs(d).some((p) => textOf(p) === "（征求意见稿）");
    expect(has(doc)).toBe(false);
    expect(has(await parts(exportInput({ draft: true })))).toBe(true);
  });

  it("takes font names from the town's settings", async () => {
    const windows = await parts(exportInput({ fonts: FONT_PRESETS.windows.fonts }));
    const body = paragraphWith(windows, /^2027年是/);
    expectFont(effectiveRun(windows, body, first(body, "r")), "仿宋", 32);
  });

  it("turns ASCII punctuation in Chinese text full-width", () => {
    expect(textOf(paragraphWith(doc, /^全镇上下/))).toBe(
      "全镇上下要迅速行动、主动作为，确保各项工作落地见效！",
    );
  });
});

describe("版头 and 版记 (GB/T 9704-2012 §7.2, §7.4)", () => {
  const issued = (choice: Partial<PublicationChoice>, draft = false) =>
    parts(issuedInput(choice, { draft }));
  const texts = (doc: Parts) => paragraphs(doc).map(textOf);
  const ownRun = (p: Element) => runPropsOf(child(first(p, "r"), "rPr"));
  const color = (p: Element) => attr(child(child(first(p, "r"), "rPr"), "color"), "val");
  const line = (p: Element) => Number(attr(child(child(p, "pPr"), "spacing"), "line"));
  const sectionProps = (doc: Parts) => all(doc["word/document.xml"]!, "sectPr");
  /** The text of the footer part a section's reference points to. */
  function footerText(doc: Parts, reference: Element): string {
    const id = reference.getAttributeNS(
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "id",
    );
    const rel = Array.from(
      doc["word/_rels/document.xml.rels"]!.getElementsByTagName("Relationship"),
    ).find((r) => r.getAttribute("Id") === id)!;
    return all(doc[`word/${rel.getAttribute("Target")}`]!, "t")
      .map((t) => t.textContent)
      .join("");
  }

  it("文件式: the mark in red 小标宋, as large as fits and at most 60 pt, its top 35 mm down", async () => {
    const doc = await issued({ format: "file" });
    const [spacer, mark] = paragraphs(doc);
    expect(textOf(mark!)).toBe("示例镇人民政府文件");
    expect(color(mark!)).toBe(MARK.color);
    expectFont(ownRun(mark!), "方正小标宋简体", markSize(["示例镇人民政府"]));
    expect(ownRun(mark!).size).toBeLessThanOrEqual(MARK.maxSize);
    expect(attr(child(child(mark!, "pPr"), "jc"), "val")).toBe("center");
    // The spacer stands in for 35 mm less the space above the glyphs' ink.
    expect(textOf(spacer!)).toBe("");
    expect(line(spacer!)).toBeLessThanOrEqual(MARK.topGap);
    expect(line(spacer!)).toBeGreaterThan(MARK.topGap - mm(3));
  });

  it("文件式: the 文号 centred two lines under the mark, over a red line as wide as the text block; the title two lines under it", async () => {
    const doc = await issued({ format: "file" });
    const all_ = texts(doc);
    expect(all_.slice(1, 8)).toEqual([
      "示例镇人民政府文件",
      "",
      "",
      "示政发〔2027〕3号",
      "",
      "",
      "示例镇2027年工作计划",
    ]);
    const number = paragraphWith(doc, "示政发〔2027〕3号");
    expect(attr(child(child(number, "pPr"), "jc"), "val")).toBe("center");
    expect(child(child(number, "pPr"), "ind")).toBeUndefined(); // margin to margin
    const rule = child(child(child(number, "pPr"), "pBdr"), "bottom");
    expect(attr(rule, "val")).toBe("single");
    expect(attr(rule, "color")).toBe(MARK.color);
    // The rule sits 4 mm under the 文号's line: its space is in points.
    expect(Number(attr(rule, "space"))).toBeLessThanOrEqual(Math.round((4 / 25.4) * 72));
    // Black 仿宋 3号 for the number, no red anywhere else in the text.
    expect(effectiveRun(doc, number, first(number, "r")).size).toBe(32);
    const red = paragraphs(doc).filter((p) => color(p) === MARK.color);
    expect(red.map(textOf)).toEqual(["示例镇人民政府文件"]);
  });

  it("a joint mark names both bodies one under the other, 文件 beside them, in red", async () => {
    const doc = await issued({ format: "file", issuer: "joint" });
    const table = first(doc["word/document.xml"]!, "tbl")!;
    const cells = all(table, "tc");
    expect(cells.map((c) => all(c, "p").map(textOf))).toEqual([
      ["中共示例镇委员会", "示例镇人民政府"],
      ["文件"],
    ]);
    for (const p of all(table, "p")) expect(color(p)).toBe(MARK.color);
    // The names are spread to one width.
    expect(attr(child(child(all(cells[0]!, "p")[1]!, "pPr"), "jc"), "val")).toBe("distribute");
  });

  it("版记: a section of its own on an even page with no page number; 抄送 and 印发 between thick and thin rules as wide as the text block", async () => {
    const doc = await issued({ format: "file" });
    const [text, colophon] = sectionProps(doc);
    expect(sectionProps(doc)).toHaveLength(2);
    expect(attr(child(colophon, "type"), "val")).toBe("evenPage");
    expect(child(text, "type")).toBeUndefined();
    // The text's pages are numbered; the 版记's page is not.
    expect(all(text!, "footerReference").map((f) => footerText(doc, f))).not.toContain("");
    const footers = all(colophon!, "footerReference");
    expect(footers.length).toBeGreaterThan(0);
    for (const footer of footers) expect(footerText(doc, footer)).toBe("");
    const tables = all(doc["word/document.xml"]!, "tbl");
    const table = tables.at(-1)!;
    expect(all(table, "tr").map((row) => textOf(first(row, "p")!))).toEqual([
      "抄送：县委办公室，县政府办公室。",
      "示例镇党政办公室2027年1月15日印发",
    ]);
    expect(attr(first(table, "gridCol"), "w")).toBe(String(TEXT_WIDTH));
    const borders = first(table, "tblBorders")!;
    const size = (side: string) => Number(attr(child(borders, side), "sz"));
    // Eighths of a point: 0.35 mm (1 pt) outside, 0.25 mm (0.75 pt) between.
    expect([size("top"), size("insideH"), size("bottom")]).toEqual([8, 6, 8]);
    expect(attr(child(borders, "left"), "val")).toBe("none");
    expect(attr(child(borders, "insideV"), "val")).toBe("none");
    // 4号 仿宋, one character in from either end; the date on the right.
    const printed = all(table, "p").at(-1)!;
    expectFont(ownRun(printed), "仿宋_GB2312", COLOPHON.size);
    const indent = child(child(printed, "pPr"), "ind");
    expect([attr(indent, "left"), attr(indent, "right")]).toEqual(["280", "280"]);
    expect(attr(first(printed, "tab"), "val")).toBe("right");
  });

  it("通知式: the 印发通知 with 主送, signature and 附注, then the plan on a new page as its attachment", async () => {
    const doc = await issued({ format: "notice", publicRelease: true });
    const all_ = texts(doc);
    const at = (text: string) => all_.indexOf(text);
    expect(all_.slice(1, 8)).toEqual([
      "示例镇人民政府文件",
      "",
      "",
      "示政发〔2027〕3号",
      "",
      "",
      "示例镇人民政府关于印发《示例镇2027年工作计划》的通知",
    ]);
    const order = [
      "各村（社区），镇属各部门、各单位：",
      "现将《示例镇2027年工作计划》印发给你们，请认真贯彻落实。",
      "附件：示例镇2027年工作计划",
      "示例镇人民政府",
      "（此件公开发布）",
      "附件",
      "示例镇2027年工作计划",
      "全镇上下要迅速行动、主动作为，确保各项工作落地见效！",
    ].map(at);
    expect(order).not.toContain(-1);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const label = paragraphWith(doc, "附件");
    expect(child(child(label, "pPr"), "pageBreakBefore")).toBeDefined();
    expectFont(effectiveRun(doc, label, first(label, "r")), "黑体", 32);
    // The attachment is not signed again; the 版记 follows it.
    expect(all_.filter((t) => t === "示例镇人民政府")).toHaveLength(1);
    expect(sectionProps(doc)).toHaveLength(2);
  });

  it("the 征求意见稿 and a plan issued plain carry neither 版头 nor 版记", async () => {
    for (const doc of [await issued({ format: "file" }, true), await issued({ format: "plain" })]) {
      expect(paragraphs(doc).filter((p) => color(p) === MARK.color)).toEqual([]);
      expect(texts(doc).some((t) => t.endsWith("文件"))).toBe(false);
      expect(sectionProps(doc)).toHaveLength(1);
      expect(
        all(doc["word/document.xml"]!, "tbl").some((t) =>
          textOf(first(t, "p")!).startsWith("抄送"),
        ),
      ).toBe(false);
    }
  });
});

describe("other readers", () => {
  it("the document properties name the plan and its issuer", async () => {
    const core = strFromU8(unzipSync(await renderPlanDocx(exportInput()))["docProps/core.xml"]!);
    expect(core).toContain("<dc:title>示例镇2027年工作计划</dc:title>");
    expect(core).toContain("<dc:creator>示例镇人民政府</dc:creator>");
    expect(core).toContain("<cp:keywords>示例镇人民政府，年度工作计划</cp:keywords>");
  });

  it("mammoth (and so this system's import) reads the headings as h1–h3", async () => {
    const docx = await renderPlanDocx(exportInput());
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(docx) });
    expect(html).toMatch(/<h1>[^<]*一、聚力项目招引建设<\/h1>/);
    expect(html).toMatch(/<h2>[^<]*（一）抓好园区建设<\/h2>/);
    expect(html).toMatch(/<h3>[^<]*1\.产业链招商<\/h3>/);
  });
});

describe("byte stability", () => {
  it("the same published plan exports to the same bytes, every time", async () => {
    const input = exportInput({ documentNumber: "示政发〔2027〕1号", date: "2027-01-20" });
    const hash = async () =>
      createHash("sha256")
        .update(await renderPlanDocx(input))
        .digest("hex");
    const a = await hash();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new second on the clock
    expect(await hash()).toBe(a);
    const changed = { ...input, closing: json("不同的结束语。") };
    expect(
      createHash("sha256")
        .update(await renderPlanDocx(changed))
        .digest("hex"),
    ).not.toBe(a);
  });
});
