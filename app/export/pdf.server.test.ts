import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it, vi } from "vitest";

import { exportInput } from "./fixtures";
import { createPdfConverter, findOnPath, PDF_UNAVAILABLE, PdfError } from "./pdf.server";
import { renderPlanDocx } from "./render.server";

// The PDF converter: its cache, queue, timeout and refusals with stand-ins for
// LibreOffice (small shell scripts), then one real conversion with LibreOffice
// (mandatory in CI, as the layout tests are).

const work = mkdtempSync(join(tmpdir(), "pdf-server-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let made = 0;
/** A new directory under the test's own. */
function newDir(name: string): string {
  const dir = join(work, `${name}-${++made}`);
  mkdirSync(dir);
  return dir;
}

/** An executable shell script standing in for soffice. */
function fakeSoffice(body: string): string {
  const file = join(newDir("bin"), "soffice");
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/**
 * Converts as soffice does (the input's name with .pdf, in --outdir): "%PDF-fake\n"
 * and the input's bytes. Logs start and end times and its profile to `log`.
 */
function convertingSoffice(log: string, seconds = 0.2): string {
  return fakeSoffice(`
out=""; prev=""; profile=""
for a in "$@"; do
  if [ "$prev" = "--outdir" ]; then out="$a"; fi
  case "$a" in -env:UserInstallation=*) profile="\${a#-env:UserInstallation=file://}";; esac
  prev="$a"; last="$a"
done
echo "start $(date +%s%N) $profile" >> "${log}"
sleep ${seconds}
{ printf '%%PDF-fake\\n'; cat "$last"; } > "$out/$(basename "$last" .docx).pdf"
echo "end $(date +%s%N) $profile" >> "${log}"`);
}

const docx = (text: string) => new TextEncoder().encode(`PK fake docx: ${text}`);
const fakePdf = (text: string) => `%PDF-fake\nPK fake docx: ${text}`;
const asText = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

function logLines(log: string): { kind: string; at: bigint; profile: string }[] {
  return readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const [kind, at, profile] = line.split(" ");
      return { kind: kind!, at: BigInt(at!), profile: profile! };
    });
}

/** Alive and not a zombie (a container's init may not reap orphans at once). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

describe("finding LibreOffice", () => {
  it("takes the first executable file of that name on PATH, skipping the rest", () => {
    const notExecutable = newDir("path");
    writeFileSync(join(notExecutable, "soffice"), "not a program");
    const aDirectory = newDir("path");
    mkdirSync(join(aDirectory, "soffice"));
    const real = newDir("path");
    writeFileSync(join(real, "libreoffice"), "#!/bin/sh\n");
    chmodSync(join(real, "libreoffice"), 0o755);
    const path = [notExecutable, aDirectory, real].join(":");
    expect(findOnPath(["soffice", "libreoffice"], path)).toBe(join(real, "libreoffice"));
    expect(findOnPath(["soffice"], path)).toBeNull();
    expect(findOnPath(["soffice"], "")).toBeNull();
  });
});

describe("without LibreOffice", () => {
  it("is not available and refuses in Chinese, whether the program is missing or not one", async () => {
    const notExecutable = join(newDir("bin"), "soffice");
    writeFileSync(notExecutable, "#!/bin/sh\n");
    for (const command of [join(work, "nowhere", "soffice"), notExecutable, null]) {
      const converter = createPdfConverter({ command, cacheDir: null });
      expect(converter.available()).toBe(false);
      expect(converter.command).toBeNull();
      const refused = await converter.toPdf(docx("a")).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PdfError);
      expect(refused).toMatchObject({ reason: "unavailable", message: PDF_UNAVAILABLE });
      expect(PDF_UNAVAILABLE).toBe("服务器未安装 LibreOffice，无法生成 PDF；请下载 Word 文件。");
    }
  });
});

describe("converting (a stand-in for soffice)", () => {
  it("converts each Word file once: again from memory, from the cache directory in a new process, and a double click waits for the first", async () => {
    const log = join(newDir("log"), "log");
    const cacheDir = join(newDir("cache"), "pdf");
    const converter = createPdfConverter({ command: convertingSoffice(log), cacheDir });
    expect(converter.available()).toBe(true);

    // Two requests at once for the same file: one conversion.
    const [first, doubleClick] = await Promise.all([
      converter.toPdf(docx("plan")),
      converter.toPdf(docx("plan")),
    ]);
    expect(asText(first)).toBe(fakePdf("plan"));
    expect(doubleClick).toEqual(first);
    expect(converter.conversions).toBe(1);

    const again = await converter.toPdf(docx("plan"));
    expect(again).toEqual(first);
    expect(converter.conversions).toBe(1);

    // Another server process (or a restart) finds it on disk, by the Word file's SHA-256.
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".pdf"))).toHaveLength(1);
    const restarted = createPdfConverter({ command: convertingSoffice(log), cacheDir });
    expect(await restarted.toPdf(docx("plan"))).toEqual(first);
    expect(restarted.conversions).toBe(0);

    // Another file is converted.
    expect(asText(await converter.toPdf(docx("other")))).toBe(fakePdf("other"));
    expect(converter.conversions).toBe(2);
    expect(logLines(log).filter((line) => line.kind === "start")).toHaveLength(2);
  });

  it("runs one conversion at a time, each in its own profile, and removes its files", async () => {
    const log = join(newDir("log"), "log");
    const converter = createPdfConverter({ command: convertingSoffice(log, 0.3), cacheDir: null });
    const pdfs = await Promise.all(["a", "b", "c"].map((name) => converter.toPdf(docx(name))));
    expect(pdfs.map(asText)).toEqual(["a", "b", "c"].map(fakePdf));
    expect(converter.conversions).toBe(3);

    const lines = logLines(log);
    // start, end, start, end…: never two at once.
    expect(lines.map((line) => line.kind)).toEqual([
      "start",
      "end",
      "start",
      "end",
      "start",
      "end",
    ]);
    for (let i = 2; i < lines.length; i += 2) expect(lines[i]!.at > lines[i - 1]!.at).toBe(true);
    const profiles = new Set(lines.map((line) => line.profile));
    expect(profiles.size).toBe(3);
    for (const profile of profiles) {
      expect(profile).toMatch(/annual-plan-pdf-.*\/profile$/);
      expect(existsSync(join(profile, ".."))).toBe(false);
    }
  });

  it("stops a conversion that overruns (the whole process group), says so in Chinese, and converts again afterwards", async () => {
    const pidFile = join(newDir("pid"), "helper.pid");
    const stuck = fakeSoffice(`sleep 30 &\necho $! > "${pidFile}"\nwait`);
    const converter = createPdfConverter({ command: stuck, timeoutMs: 400, cacheDir: null });
    const started = Date.now();
    const error = await converter.toPdf(docx("slow")).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(PdfError);
    expect(error).toMatchObject({ reason: "timeout" });
    expect((error as Error).message).toBe(
      "生成 PDF 超时（超过 1 秒），转换已停止；请稍后重试，或下载 Word 文件。",
    );
    // The helper soffice started (soffice.bin, in life) went with it.
    const helper = Number(readFileSync(pidFile, "utf8"));
    await vi.waitFor(() => expect(alive(helper)).toBe(false), { timeout: 2_000 });
    // The queue goes on after a failure, and nothing was kept.
    const again = await converter.toPdf(docx("slow")).catch((e: unknown) => e);
    expect(again).toMatchObject({ reason: "timeout" });
    expect(converter.conversions).toBe(2);
  });

  it("a conversion that fails or makes no PDF is refused in Chinese and not kept", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const failing = fakeSoffice("echo 'Error: source file could not be loaded' >&2\nexit 1");
      const noPdf = fakeSoffice(
        'for a; do last="$a"; done\necho "not a pdf" > "${last%.docx}.pdf"',
      );
      for (const command of [failing, noPdf]) {
        const cacheDir = join(newDir("cache"), "pdf");
        const converter = createPdfConverter({ command, cacheDir });
        const error = await converter.toPdf(docx("broken")).catch((e: unknown) => e);
        expect(error).toMatchObject({
          reason: "failed",
          message: "LibreOffice 未能把 Word 文件转换为 PDF；请稍后重试，或下载 Word 文件。",
        });
        expect(existsSync(cacheDir)).toBe(false);
      }
      expect(String(quiet.mock.calls[0]?.[0])).toContain("source file could not be loaded");
    } finally {
      quiet.mockRestore();
    }
  });
});

const soffice = findOnPath(["soffice", "libreoffice"]);
const pdftotext = findOnPath(["pdftotext"]);
const available = Boolean(soffice && pdftotext);
if (!available && !process.env.CI) {
  console.warn(
    "\n⚠ PDF 转换测试（真实 LibreOffice）未运行：未找到 LibreOffice 或 poppler。" +
      "在 Debian/Ubuntu 上运行 `apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk` 后再运行 npm test。\n",
  );
}

describe.runIf(available || process.env.CI)("converting with LibreOffice", () => {
  it("two converters at once (two server processes) each print their own plan; the second download converts nothing", async () => {
    if (!available) throw new Error("CI 中必须安装 LibreOffice 和 poppler-utils。");
    const one = createPdfConverter({ cacheDir: join(newDir("cache"), "pdf") });
    const two = createPdfConverter({ cacheDir: join(newDir("cache"), "pdf") });
    expect(one.command).toBe(soffice);
    const [docx2027, docx2028] = await Promise.all([
      renderPlanDocx(exportInput({ title: "示例镇2027年工作计划" })),
      renderPlanDocx(exportInput({ title: "示例镇2028年工作计划" })),
    ]);
    const [pdf2027, pdf2028] = await Promise.all([one.toPdf(docx2027), two.toPdf(docx2028)]);
    const dir = newDir("out");
    for (const [pdf, title] of [
      [pdf2027, "示例镇2027年工作计划"],
      [pdf2028, "示例镇2028年工作计划"],
    ] as const) {
      expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
      const file = join(dir, `${title}.pdf`);
      writeFileSync(file, pdf);
      const text = execFileSync(pdftotext!, ["-layout", file, "-"], { encoding: "utf8" });
      expect(text.replace(/\s+/g, "")).toContain(title);
      // A4, as the Word file sets it (595 × 842 points).
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d*|Page size:\s+595\.\d* x 842/);
    }
    expect(await one.toPdf(docx2027)).toEqual(pdf2027);
    expect([one.conversions, two.conversions]).toEqual([1, 1]);
  }, 180_000);
});
