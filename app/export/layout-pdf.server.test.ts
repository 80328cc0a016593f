import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { exportInput, json } from "./fixtures";
import { renderPlanDocx } from "./render.server";

// The layout as printed: LibreOffice turns the export into a PDF and
// pdftotext -bbox tells where every line landed. Mandatory in CI; on a
// machine without LibreOffice it says so instead of passing silently.

function which(command: string): string | null {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

const soffice = which("soffice") ?? which("libreoffice");
const pdftotext = which("pdftotext");
const pdftoppm = which("pdftoppm");
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
      "pdf",
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
