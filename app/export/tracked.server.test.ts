import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { DOMParser, type Element } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";

import { attribute, type Tracked } from "~/editor/attribution";

import { exportInput, json } from "./fixtures";
import { findOnPath } from "./pdf.server";
import { renderPlanDocx } from "./render.server";

// 修订稿: the plan with Word tracked changes. Word and WPS list each w:ins /
// w:del in their review pane; accepting all of them must give exactly the
// text as it stands, and LibreOffice must read the same changes.

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const before = json(
  "# 聚力项目招引建设\n\n全年引进亿元以上项目5个，完成各项目标任务。\n\n推动园区企业向规模以上发展。\n\n## 抓好园区建设\n\n全年完成基础设施投资1.2亿元。",
);
const byLeader = json(
  "# 聚力项目招引建设\n\n全年引进亿元以上项目8个，完成各项目标任务。\n\n## 抓好园区建设\n\n全年完成基础设施投资1.2亿元。",
);
const byMayor = json(
  "# 聚力项目招引建设\n\n全年引进亿元以上项目8个，完成各项目标任务。\n\n## 抓好园区建设\n\n全年完成基础设施投资**1.5**亿元，新建标准厂房2万平方米。\n\n## 优化营商环境\n\n落实帮包企业制度。",
);

let tracked: Tracked;
let trackedXml: Element;
let cleanXml: Element;
let trackedDocx: Uint8Array;

const documentOf = (docx: Uint8Array) =>
  new DOMParser().parseFromString(strFromU8(unzipSync(docx)["word/document.xml"]!), "text/xml")
    .documentElement!;

const all = (node: Element, name: string) => Array.from(node.getElementsByTagNameNS(W, name));

/** Each paragraph's text with every change accepted; paragraphs deleted whole are gone. */
function acceptedParagraphs(body: Element): string[] {
  return all(body, "p").flatMap((p) => {
    const text = all(p, "t")
      .map((t) => t.textContent ?? "")
      .join(""); // w:t is kept (inserted or not); w:delText is dropped
    const markDeleted = all(p, "rPr").some(
      (rPr) => rPr.parentNode?.nodeName === "w:pPr" && all(rPr, "del").length > 0,
    );
    return markDeleted && text === "" ? [] : [text];
  });
}

const input = (content: string) =>
  exportInput({
    draft: true,
    draftMarker: "（修订稿）",
    sections: [{ title: "经济发展", content }],
  });

beforeAll(async () => {
  tracked = attribute(before, [
    { content: byLeader, author: { id: "u1", name: "张建国" }, at: "2027-03-03T02:15:00.000Z" },
    { content: byMayor, author: { id: "u2", name: "郑海" }, at: "2027-03-04T03:20:00.000Z" },
  ]);
  trackedDocx = await renderPlanDocx(input(JSON.stringify(tracked.annotated)));
  trackedXml = documentOf(trackedDocx);
  cleanXml = documentOf(await renderPlanDocx(input(byMayor)));
});

describe("修订稿 (.docx with tracked changes)", () => {
  it("marks every insertion and deletion with its author and time", () => {
    const marks = [...all(trackedXml, "ins"), ...all(trackedXml, "del")];
    const authors = new Set(marks.map((m) => m.getAttributeNS(W, "author")));
    expect(authors).toEqual(new Set(["张建国", "郑海"]));
    const deleted = all(trackedXml, "del")
      .filter((d) => d.getAttributeNS(W, "author") === "张建国")
      .map((d) =>
        all(d, "delText")
          .map((t) => t.textContent)
          .join(""),
      )
      .filter(Boolean);
    expect(deleted).toEqual(["5", "推动园区企业向规模以上发展。"]);
    const inserted = all(trackedXml, "ins")
      .filter((i) => i.getAttributeNS(W, "author") === "郑海")
      .map((i) =>
        all(i, "t")
          .map((t) => t.textContent)
          .join(""),
      )
      .filter(Boolean);
    expect(inserted).toContain("，新建标准厂房2万平方米");
    expect(marks.every((m) => m.getAttributeNS(W, "date")?.startsWith("2027-03-0"))).toBe(true);
    // Every revision has its own number, as Word requires.
    const ids = marks.map((m) => m.getAttributeNS(W, "id"));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("accepting every change gives exactly the plain export of the text as it stands", () => {
    expect(acceptedParagraphs(trackedXml)).toEqual(acceptedParagraphs(cleanXml));
    expect(all(cleanXml, "ins")).toHaveLength(0);
    expect(all(cleanXml, "del")).toHaveLength(0);
  });

  it("numbers headings as they will print: a new heading's number is new with it", () => {
    const heading = all(trackedXml, "p").find((p) =>
      (p.textContent ?? "").includes("优化营商环境"),
    )!;
    const runs = all(heading, "ins").filter((i) => i.parentNode?.nodeName === "w:p");
    expect(runs.map((i) => i.textContent)).toEqual(["（二）", "优化营商环境"]);
    // Its paragraph mark is new too: rejecting the change leaves no empty paragraph.
    expect(all(heading, "ins").some((i) => i.parentNode?.nodeName === "w:rPr")).toBe(true);
  });
});

const soffice = findOnPath(["soffice", "libreoffice"]);
const HOW_TO =
  "修订稿检查（LibreOffice 读取修订）未运行：未找到 LibreOffice。在 Debian/Ubuntu 上运行 `apt-get install libreoffice-writer-nogui` 后再运行 npm test。";
if (!soffice && !process.env.CI) console.warn(`\n⚠ ${HOW_TO}\n`);

describe.runIf(soffice || process.env.CI)("修订稿 in LibreOffice", () => {
  it("LibreOffice reads as many tracked changes as the plan has, with their authors", () => {
    if (!soffice) throw new Error(HOW_TO);
    const dir = mkdtempSync(join(tmpdir(), "plan-tracked-"));
    try {
      writeFileSync(join(dir, "plan.docx"), trackedDocx);
      execFileSync(
        soffice,
        [
          `-env:UserInstallation=file://${dir}/profile`,
          "--headless",
          "--convert-to",
          "odt",
          "--outdir",
          dir,
          join(dir, "plan.docx"),
        ],
        { stdio: "ignore", timeout: 120_000 },
      );
      const odt = unzipSync(new Uint8Array(readFileSync(join(dir, "plan.odt"))));
      const content = strFromU8(odt["content.xml"]!);
      const regions = content.match(/<text:changed-region[\s\S]*?<\/text:changed-region>/g) ?? [];
      expect(regions).toHaveLength(tracked.changes.length);
      const creators = regions.map((r) => /<dc:creator>([^<]*)<\/dc:creator>/.exec(r)?.[1]);
      expect(creators).toEqual(tracked.changes.map((c) => c.author.name));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
