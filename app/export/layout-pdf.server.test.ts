import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { exportInput, issuedInput, json } from "./fixtures";
import { CHARACTER_WIDTH } from "./layout";
import { findOnPath, PDF_FILTER } from "./pdf.server";
import { renderPlanDocx } from "./render.server";

// The layout as printed: LibreOffice turns the export into a PDF and
// pdftotext -bbox tells where every line landed. Mandatory in CI; on a
// machine without LibreOffice it says so instead of passing silently.

const soffice = findOnPath(["soffice", "libreoffice"]);
const pdftotext = findOnPath(["pdftotext"]);
const pdftoppm = findOnPath(["pdftoppm"]);
const available = Boolean(soffice && pdftotext && pdftoppm);
const HOW_TO =
  "排版检查（LibreOffice 转 PDF 数行数字数）未运行：未找到 LibreOffice 或 poppler。" +
  "在 Debian/Ubuntu 上运行 `apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai` 后再运行 npm test。";

if (!available && !process.env.CI) console.warn(`\n⚠ ${HOW_TO}\n`);

type Word = { xMin: number; yMin: number; xMax: number; text: string };

function wordsOnPage(pdf: string, page: number): Word[] {
  const xml = execFileSync(
    pdftotext!,
    ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"],
    {
      encoding: "utf8",
    },
  );
  return [
    ...xml.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4]! }));
}

/** Words grouped into lines by their top edge, top to bottom. */
function linesOf(words: Word[]): string[] {
  return linesWithLeft(words).map((line) => line.text);
}

const MM = 72 / 25.4; // PDF points per millimetre
const TEXT_BOTTOM = (297 - 35) * MM;

/** Runs `check` in a new temporary directory (LibreOffice's profile and files), removed after. */
async function inTempDir(prefix: string, check: (dir: string) => Promise<void>) {
  if (!available) throw new Error(HOW_TO);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF LibreOffice makes of `bytes`, in `dir`. */
function toPdf(dir: string, bytes: Uint8Array, name = "plan"): string {
  const docx = join(dir, `${name}.docx`);
  writeFileSync(docx, bytes);
  execFileSync(
    soffice!,
    [
      `-env:UserInstallation=file://${join(dir, "profile")}`,
      "--headless",
      "--convert-to",
      PDF_FILTER,
      "--outdir",
      dir,
      docx,
    ],
    { stdio: "ignore", timeout: 120_000 },
  );
  return join(dir, `${name}.pdf`);
}

function pageCount(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Words grouped into lines with the line's left edge, top to bottom. */
function linesWithLeft(words: Word[]): { text: string; left: number }[] {
  const lines = new Map<number, Word[]>();
  for (const word of words) {
    const key = [...lines.keys()].find((y) => Math.abs(y - word.yMin) < 3) ?? word.yMin;
    lines.set(key, [...(lines.get(key) ?? []), word]);
  }
  return [...lines.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, ws]) => {
      ws.sort((a, b) => a.xMin - b.xMin);
      return { text: ws.map((w) => w.text).join(""), left: ws[0]!.xMin };
    });
}

/** A row of a page's raster (0.1 mm high): how many pixels are red or dark, and where. */
type InkRow = { mm: number; red: number; dark: number; left: number; right: number };

/** The page at 254 dpi (10 pixels a millimetre), as the rows that hold any ink. */
function inkRows(dir: string, pdf: string, page: number): InkRow[] {
  const base = join(dir, `raster-${page}`);
  execFileSync(pdftoppm!, [
    "-r",
    "254",
    "-f",
    String(page),
    "-l",
    String(page),
    "-singlefile",
    pdf,
    base,
  ]);
  const image = readFileSync(`${base}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(image.toString("latin1", 0, 40))!;
  const [width, height, offset] = [Number(header[1]), Number(header[2]), header[0].length];
  const rows: InkRow[] = [];
  for (let y = 0; y < height; y++) {
    const row: InkRow = { mm: y / 10, red: 0, dark: 0, left: width, right: 0 };
    for (let x = 0; x < width; x++) {
      const at = offset + (y * width + x) * 3;
      const [r, g, b] = [image[at]!, image[at + 1]!, image[at + 2]!];
      const red = r > 180 && g < 100 && b < 100;
      const dark = r < 100 && g < 100 && b < 100;
      if (red) row.red++;
      if (dark) row.dark++;
      if (red || dark) [row.left, row.right] = [Math.min(row.left, x), Math.max(row.right, x)];
    }
    if (row.red || row.dark) rows.push(row);
  }
  return rows;
}

/** Rules: rows inked across at least 150 mm of the 156 mm text block, grouped into lines. */
function rules(
  rows: InkRow[],
  colour: "red" | "dark",
): { top: number; bottom: number; width: number }[] {
  const found: { top: number; bottom: number; width: number }[] = [];
  for (const row of rows.filter((r) => r[colour] >= 1500)) {
    const last = found.at(-1);
    if (last && row.mm - last.bottom < 0.25) last.bottom = row.mm;
    else found.push({ top: row.mm, bottom: row.mm, width: (row.right - row.left + 1) / 10 });
  }
  return found;
}

const issued = issuedInput;

/** One body character in PDF points (16 pt less the squeeze). */
const CHARACTER = CHARACTER_WIDTH / 20;
const TEXT_RIGHT = (210 - 26) * MM;

/** Each page's body lines (above the page number). */
function bodyPages(pdf: string): string[][] {
  return Array.from({ length: pageCount(pdf) }, (_, i) =>
    linesOf(wordsOnPage(pdf, i + 1).filter((w) => w.yMin < TEXT_BOTTOM)),
  );
}

describe.runIf(available || process.env.CI)(
  "layout in LibreOffice (22 lines × 28 characters)",
  () => {
    it(
      "a long plan: no page starts with a paragraph's last line or ends with its first; pages hold 20 to 22 lines",
      () =>
        inTempDir("plan-widows-", async (dir) => {
          // Paragraphs of 1 to 9 lines with last lines of every length, so that page breaks
          // fall everywhere: after a first line, before a last line, in the middle.
          const words =
            "坚持稳中求进工作总基调完整准确全面贯彻新发展理念加快构建新发展格局着力推动高质量发展";
          const paragraphs = Array.from({ length: 40 }, (_, i) => {
            const length = 3 + ((i * 37) % 240);
            return words.repeat(10).slice(0, length) + "。";
          });
          const pdf = toPdf(
            dir,
            await renderPlanDocx(
              exportInput({ preamble: json(paragraphs.join("\n\n")), targets: [], sections: [] }),
            ),
          );
          const pages = Array.from({ length: pageCount(pdf) }, (_, i) =>
            linesWithLeft(wordsOnPage(pdf, i + 1).filter((w) => w.yMin < TEXT_BOTTOM)),
          );
          expect(pages.length).toBeGreaterThanOrEqual(5);
          const textLeft = Math.min(...pages.flat().map((line) => line.left));
          const indented = (line: { left: number }) => line.left > textLeft + 20; // 2 characters in
          for (const [i, page] of pages.slice(1, -1).entries()) {
            const number = i + 2;
            // A page gives up at most two lines: a three-line paragraph cannot leave one behind.
            expect([20, 21, 22], `page ${number}: ${page.length} lines`).toContain(page.length);
            // A paragraph's last line alone at the top: short and not indented.
            const top = page[0]!;
            expect(
              !indented(top) && [...top.text].length < 20 && top.text.endsWith("。"),
              `page ${number} starts with a widow: ${top.text}`,
            ).toBe(false);
            // A paragraph's first line alone at the bottom: indented, and not its last.
            const bottom = page.at(-1)!;
            expect(
              indented(bottom) && !bottom.text.endsWith("。"),
              `page ${number} ends with an orphan: ${bottom.text}`,
            ).toBe(false);
          }
          expect(pages.some((page) => page.length === 22)).toBe(true);
        }),
      180_000,
    );

    it(
      "the signature never stands alone on a page: the last paragraph's line goes with it",
      () =>
        inTempDir("plan-signature-", async (dir) => {
          // One-line paragraphs (2 characters of indent + 26), so that the text moves line by line.
          const line = "坚持稳中求进工作总基调完整准确全面贯彻新发展理念加快构建".slice(0, 26);
          const closing = "全镇上下要迅速行动主动作为确保各项工作落地见效";
          const plan = (lines: number) =>
            exportInput({
              preamble: json(Array.from({ length: lines }, () => line).join("\n\n")),
              targets: [],
              sections: [],
              closing: json(closing),
            });
          // Where the closing lands with 30 lines before it; then as many more lines as put
          // it on a page's last line, where the signature would follow alone on the next page.
          const pages = bodyPages(toPdf(dir, await renderPlanDocx(plan(30)), "probe"));
          const page = pages.findIndex((lines) => lines.includes(closing));
          const row = pages[page]!.indexOf(closing) + 1;
          const edge = bodyPages(toPdf(dir, await renderPlanDocx(plan(30 + 22 - row)), "edge"));
          const signed = edge.findIndex((lines) => lines.some((l) => l.includes("示例镇人民政府")));
          expect(edge[signed]).toContain(closing);
          // The page before gave up its last line for it.
          expect(edge[signed - 1]).toHaveLength(21);
        }),
      180_000,
    );

    it(
      "a full body page holds 22 lines of 28 characters, with its page number below",
      () =>
        inTempDir("plan-layout-", async (dir) => {
          const paragraph =
            "全镇上下要坚持稳中求进工作总基调完整准确全面贯彻新发展理念加快构建新发展格局着力推动高质量发展".repeat(
              4,
            );
          const input = exportInput({
            // One long paragraph: widow control moves no line, so page 2 is the grid itself.
            preamble: json(paragraph.repeat(14)),
          });
          const pdf = toPdf(dir, await renderPlanDocx(input));
          expect(existsSync(pdf)).toBe(true);

          const words = wordsOnPage(pdf, 2);
          const body = linesOf(words.filter((w) => w.yMin < TEXT_BOTTOM));
          const footer = linesOf(words.filter((w) => w.yMin >= TEXT_BOTTOM));
          expect(body).toHaveLength(22);
          // Lines inside a paragraph are full: 28 characters each.
          const counts = body.map((line) => [...line].length);
          expect(Math.max(...counts)).toBe(28);
          expect(counts.filter((n) => n === 28).length).toBeGreaterThanOrEqual(11);
          // Page 2 is even: its number sits on the left.
          expect(footer.join("")).toBe("—2—");
          const number = words.find((w) => w.text === "2" && w.yMin >= TEXT_BOTTOM)!;
          expect(number.xMin).toBeLessThan(210 * MM * 0.5);

          mkdirSync("test-results", { recursive: true });
          execFileSync(pdftoppm!, [
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf,
            join(dir, "page-1"),
          ]);
          writeFileSync("test-results/export-page-1.png", readFileSync(join(dir, "page-1.png")));
        }),
      180_000,
    );
  },
);

describe.runIf(available || process.env.CI)(
  "版头, 版记 and signature in LibreOffice (GB/T 9704)",
  () => {
    it(
      "文件式: the red mark's top edge 35 mm under the text block, the red line 4 mm under the 文号, as wide as the text block",
      () =>
        inTempDir("plan-red-head-", async (dir) => {
          const pdf = toPdf(dir, await renderPlanDocx(issued({ format: "file" })));
          const rows = inkRows(dir, pdf, 1);
          const markTop = rows.find((r) => r.red > 0)!.mm;
          expect(Math.abs(markTop - (37 + 35)), `mark top at ${markTop} mm`).toBeLessThanOrEqual(1);
          const [line, ...others] = rules(rows, "red");
          expect(others).toEqual([]);
          expect(
            Math.abs(line!.width - 156),
            `red line ${line!.width} mm wide`,
          ).toBeLessThanOrEqual(1);
          // The 文号's ink: the dark rows just above the red line.
          const numberBottom = rows.filter((r) => r.dark > 0 && r.mm < line!.top).at(-1)!.mm;
          const gap = line!.top - numberBottom;
          expect(
            Math.abs(gap - 4),
            `red line ${gap.toFixed(1)} mm under the 文号`,
          ).toBeLessThanOrEqual(1);
          // Two blank lines between the mark and the 文号, and between the line and the title.
          const lines = linesOf(wordsOnPage(pdf, 1));
          expect(lines.slice(0, 3)).toEqual([
            "示例镇人民政府文件",
            "示政发〔2027〕3号",
            "示例镇2027年工作计划",
          ]);
        }),
      180_000,
    );

    it(
      "版记 on the last page, an even one, unnumbered; its last rule on the text block's bottom edge",
      () =>
        inTempDir("plan-colophon-", async (dir) => {
          for (const [name, input] of [
            ["short", issued({ format: "file" })],
            // One more page of text moves the 版记 to the page after a blank one.
            ["long", issued({ format: "file" }, { preamble: json("坚持稳中求进。".repeat(130)) })],
          ] as const) {
            const pdf = toPdf(dir, await renderPlanDocx(input), name);
            const pages = pageCount(pdf);
            expect(pages % 2, `${name}: ${pages} pages`).toBe(0);
            const last = linesOf(wordsOnPage(pdf, pages));
            expect(last).toEqual([
              "抄送：县委办公室，县政府办公室。",
              "示例镇党政办公室2027年1月15日印发",
            ]);
            const lines = rules(inkRows(dir, pdf, pages), "dark");
            expect(lines).toHaveLength(3);
            const bottom = lines.at(-1)!.bottom;
            expect(Math.abs(bottom - (297 - 35)), `last rule at ${bottom} mm`).toBeLessThanOrEqual(
              1,
            );
            // A page between the text and the 版记 is blank: no text, no page number.
            const before = linesOf(wordsOnPage(pdf, pages - 1));
            if (!before.some((l) => l.includes("示例镇人民政府"))) expect(before).toEqual([]);
          }
        }),
      180_000,
    );

    it(
      "signature without a seal: the date starts 2 characters right of the issuer; a date that would then pass 右空二字 moves both left",
      () =>
        inTempDir("plan-signature-place-", async (dir) => {
          const input = issued({ format: "file" }, { date: "2027-01-05" });
          const pdf = toPdf(dir, await renderPlanDocx(input));
          const words = Array.from({ length: pageCount(pdf) }, (_, i) =>
            wordsOnPage(pdf, i + 1),
          ).flat();
          const issuer = words.filter((w) => w.text === "示例镇人民政府").at(-1)!;
          const date = words.find(
            (w) => w.text === "2027" && Math.abs(w.yMin - issuer.yMin - 28.95) < 3,
          )!;
          const chars = (points: number) => points / CHARACTER;
          expect(Math.abs(chars(date.xMin - issuer.xMin) - 2)).toBeLessThanOrEqual(0.5);
          // 2027年1月5日 is 6 characters as Word prints it (½ a digit): starting 2
          // right of a 7-character issuer 右空二字 it would end 1 from the edge,
          // so it ends 2 from the edge and the issuer 3.
          expect(Math.abs(chars(TEXT_RIGHT - issuer.xMax) - 3)).toBeLessThanOrEqual(0.5);
        }),
      180_000,
    );

    it(
      "joint, without a seal: both bodies start together, the longer 右空二字, the date 2 characters right of them",
      () =>
        inTempDir("plan-signature-joint-", async (dir) => {
          const pdf = toPdf(
            dir,
            await renderPlanDocx(
              // 2027年1月5日, 6 characters as Word prints it, fits 2 right of an 8-character body.
              issued({ format: "file", issuer: "joint" }, { date: "2027-01-05" }),
            ),
          );
          const words = Array.from({ length: pageCount(pdf) }, (_, i) =>
            wordsOnPage(pdf, i + 1),
          ).flat();
          const party = words.filter((w) => w.text === "中共示例镇委员会").at(-1)!;
          const government = words.filter((w) => w.text === "示例镇人民政府").at(-1)!;
          const date = words.find(
            (w) => w.text === "2027" && Math.abs(w.yMin - government.yMin - 28.95) < 3,
          )!;
          const chars = (points: number) => points / CHARACTER;
          expect(Math.abs(chars(government.yMin - party.yMin) - 28.95 / CHARACTER)).toBeLessThan(
            0.2,
          );
          expect(Math.abs(chars(government.xMin - party.xMin))).toBeLessThanOrEqual(0.2);
          expect(Math.abs(chars(TEXT_RIGHT - party.xMax) - 2)).toBeLessThanOrEqual(0.5);
          expect(Math.abs(chars(date.xMin - party.xMin) - 2)).toBeLessThanOrEqual(0.5);
        }),
      180_000,
    );

    it(
      "sealed: the date ends 4 characters from the right and the issuer is centred over it",
      () =>
        inTempDir("plan-sealed-", async (dir) => {
          const pdf = toPdf(dir, await renderPlanDocx(issued({ format: "file", sealed: true })));
          const words = Array.from({ length: pageCount(pdf) }, (_, i) =>
            wordsOnPage(pdf, i + 1),
          ).flat();
          const issuer = words.filter((w) => w.text === "示例镇人民政府").at(-1)!;
          const line = words.filter((w) => Math.abs(w.yMin - issuer.yMin - 28.95) < 3);
          const [start, end] = [
            Math.min(...line.map((w) => w.xMin)),
            Math.max(...line.map((w) => w.xMax)),
          ];
          expect(line.map((w) => w.text).join("")).toBe("2027年1月15日");
          expect(Math.abs((TEXT_RIGHT - end) / CHARACTER - 4)).toBeLessThanOrEqual(0.5);
          const centre = (a: number, b: number) => (a + b) / 2;
          const offset = centre(issuer.xMin, issuer.xMax) - centre(start, end);
          expect(Math.abs(offset / CHARACTER)).toBeLessThanOrEqual(0.5);
        }),
      180_000,
    );
  },
);
