import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { DOMParser, type Document as XmlDocument, type Element } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { buildApprovalForm, formDate, formNote, formRows } from "./approval-form";
import { base, fullJourney, sixSectionJourney } from "./approval-form.fixtures";
import {
  approvalFormFilename,
  FORM_STYLE_IDS,
  FORM_TEXT_SIZE,
  gridWidths,
  renderApprovalFormDocx,
  setWidth,
} from "./approval-form.server";
import { DEFAULT_FONTS, FONT_PRESETS } from "./fonts";
import { MARGIN, PAGE, SIZE, TABLE_WIDTH } from "./layout";
import { findOnPath } from "./pdf.server";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

async function parts(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const read = (name: string) => strFromU8(files[name]!);
  const parse = (name: string) => new DOMParser().parseFromString(read(name), "text/xml");
  return { files, read, document: parse("word/document.xml"), styles: parse("word/styles.xml") };
}

function attr(element: Element | undefined | null, name: string) {
  return element?.getAttributeNS(W, name) ?? null;
}

function first(node: Element | XmlDocument, tag: string): Element | undefined {
  return node.getElementsByTagNameNS(W, tag)[0];
}

/** Each paragraph's text, in document order. */
function paragraphs(document: XmlDocument): string[] {
  return Array.from(document.getElementsByTagNameNS(W, "p")).map((p) =>
    Array.from(p.getElementsByTagNameNS(W, "t"))
      .map((t) => t.textContent ?? "")
      .join(""),
  );
}

function style(styles: XmlDocument, id: string) {
  const found = Array.from(styles.getElementsByTagNameNS(W, "style")).find(
    (s) => attr(s, "styleId") === id,
  );
  if (!found) throw new Error(`no style ${id}`);
  const fonts = first(found, "rFonts");
  return {
    eastAsia: attr(fonts, "eastAsia"),
    ascii: attr(fonts, "ascii"),
    size: Number(attr(first(found, "sz"), "val")),
  };
}

describe("the approval form as a Word file", () => {
  const form = buildApprovalForm(base(fullJourney(), "published"));

  it("is an A4 page in the official margins, with one bordered table", async () => {
    const { document } = await parts(await renderApprovalFormDocx(form, DEFAULT_FONTS));
    const size = first(document, "pgSz");
    expect([Number(attr(size, "w")), Number(attr(size, "h"))]).toEqual([PAGE.width, PAGE.height]);
    const margin = first(document, "pgMar");
    expect({
      top: Number(attr(margin, "top")),
      left: Number(attr(margin, "left")),
      right: Number(attr(margin, "right")),
      bottom: Number(attr(margin, "bottom")),
    }).toEqual({
      top: MARGIN.top,
      left: MARGIN.left,
      right: MARGIN.right,
      bottom: MARGIN.bottom,
    });
    const body = first(document, "body")!;
    const tables = Array.from(body.childNodes).filter(
      (n) => (n as Element).localName === "tbl",
    ) as Element[];
    expect(tables).toHaveLength(1);
    expect(Number(attr(first(tables[0]!, "tblW"), "w"))).toBe(TABLE_WIDTH);
    expect(attr(first(first(tables[0]!, "tblBorders")!, "top"), "val")).toBe("single");
  });

  it("prints in the town's fonts: title font at 2号, labels in 黑体's slot, entries in the body font", async () => {
    const fonts = FONT_PRESETS.windows.fonts;
    const { styles, read } = await parts(await renderApprovalFormDocx(form, fonts));
    expect(style(styles, FORM_STYLE_IDS.title)).toEqual({
      eastAsia: fonts.title,
      ascii: fonts.title,
      size: SIZE.title,
    });
    expect(style(styles, FORM_STYLE_IDS.label)).toEqual({
      eastAsia: fonts.heading1,
      ascii: fonts.heading1,
      size: FORM_TEXT_SIZE,
    });
    expect(style(styles, FORM_STYLE_IDS.text)).toEqual({
      eastAsia: fonts.body,
      ascii: fonts.body,
      size: FORM_TEXT_SIZE,
    });
    const fontTable = read("word/fontTable.xml");
    for (const name of new Set(Object.values(fonts))) expect(fontTable).toContain(`"${name}"`);
  });

  it("holds every row and every entry of the form, the title above and the note below", async () => {
    const { document } = await parts(await renderApprovalFormDocx(form, DEFAULT_FONTS));
    const lines = paragraphs(document).filter(Boolean);
    expect(lines[0]).toBe("示例镇人民政府发文审批单");
    expect(lines.at(-1)).toBe(formNote(form));
    const expected = formRows(form).flatMap((row) => {
      if (row.kind === "pair") return row.cells;
      const label = row.label.split(/(?=（)/);
      if (row.kind === "text") return [...label, ...row.lines];
      return [...label, ...row.columns, ...row.rows.flat().flatMap((cell) => cell.split("\n"))];
    });
    for (const text of expected) expect(lines, text).toContain(text);
    for (const name of ["王强", "刘洋", "张建国", "孙立新", "郑海", "马光明"]) {
      expect(lines.join("\n")).toContain(name);
    }
    expect(lines).toContain("招商目标偏低，请对照县里的任务。");
  });

  it("gives the same bytes for the same trail, dated by its last step", async () => {
    const one = await renderApprovalFormDocx(form, DEFAULT_FONTS);
    const two = await renderApprovalFormDocx(buildApprovalForm(base(fullJourney(), "published")), {
      ...DEFAULT_FONTS,
    });
    expect(Buffer.from(two).equals(Buffer.from(one))).toBe(true);
    const { read } = await parts(one);
    expect(read("docProps/core.xml")).toContain(`${formDate(form)}T00:00:00Z`);
    expect(read("docProps/core.xml")).toContain("示例镇2027年工作计划审批单");
    const other = await renderApprovalFormDocx(form, FONT_PRESETS.windows.fonts);
    expect(Buffer.from(other).equals(Buffer.from(one))).toBe(false);
    expect(approvalFormFilename(form)).toBe("示例镇2027年工作计划审批单.docx");
  });

  it("keeps names and days whole and lets titles and reasons wrap", () => {
    const rows = [
      ["章节", "起草科室", "送审", "审核通过"],
      ["社会治理与党的建设", "综合治理办公室", "黄涛 12月15日", "吴志远 12月15日"],
    ];
    const widths = gridWidths(rows, [true, false, false, false], 7145);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(7145);
    expect(widths.slice(1)).toEqual([
      setWidth("综合治理办公室"),
      setWidth("黄涛 12月15日"),
      setWidth("吴志远 12月15日"),
    ]);
    expect(widths[0]).toBe(7145 - widths.slice(1).reduce((a, b) => a + b, 0));
    // More than fits: every column shrinks alike, the table stays as wide as asked.
    const crowded = gridWidths([["很".repeat(40), "长".repeat(40)]], [false, false], 7145);
    expect(crowded.reduce((a, b) => a + b, 0)).toBe(7145);
    expect(Math.abs(crowded[0]! - crowded[1]!)).toBeLessThanOrEqual(1);
  });
});

// Printed as it is: LibreOffice turns the file into a PDF; a typical year's form
// fits on one A4 page and a busy year's on two. Mandatory in CI, like the
// layout checks of the plan itself (layout-pdf.server.test.ts).
const soffice = findOnPath(["soffice", "libreoffice"]);
const pdftotext = findOnPath(["pdftotext"]);
const available = Boolean(soffice && pdftotext);
if (!available && !process.env.CI) {
  console.warn("\n⚠ 审批单排版检查未运行：未找到 LibreOffice 或 poppler（pdftotext、pdfinfo）。\n");
}

describe.runIf(available || process.env.CI)("the approval form printed (LibreOffice)", () => {
  function printed(bytes: Uint8Array): { pages: number; text: string } {
    if (!available) throw new Error("LibreOffice and poppler are required in CI");
    const dir = mkdtempSync(join(tmpdir(), "approval-form-"));
    try {
      writeFileSync(join(dir, "form.docx"), bytes);
      execFileSync(
        soffice!,
        [
          `-env:UserInstallation=file://${join(dir, "profile")}`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          join(dir, "form.docx"),
        ],
        { stdio: "ignore", timeout: 120_000 },
      );
      const pdf = join(dir, "form.pdf");
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      return {
        pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0),
        text: execFileSync(pdftotext!, ["-layout", pdf, "-"], { encoding: "utf8" }),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("a typical year (six sections, one return, mayor, committee, 印发) fits on one A4 page", async () => {
    const form = buildApprovalForm(sixSectionJourney());
    const { pages, text } = printed(await renderApprovalFormDocx(form, DEFAULT_FONTS));
    expect(pages).toBe(1);
    const flat = text.replace(/\s+/g, "");
    for (const review of form.sectionReviews) {
      expect(flat).toContain(review.decided!.by.name);
    }
    for (const words of [
      "示例镇人民政府发文审批单",
      "示政发〔2027〕3号",
      "2027年第4次党委会",
      "印发",
    ]) {
      expect(flat).toContain(words);
    }
  }, 180_000);

  it("a busy year (returns by leaders, the mayor and the committee) takes two pages at most", async () => {
    const form = buildApprovalForm(sixSectionJourney({ busy: true }));
    const { pages } = printed(await renderApprovalFormDocx(form, DEFAULT_FONTS));
    expect(pages).toBeLessThanOrEqual(2);
  }, 180_000);
});
