// The PDF of a plan: its Word file exactly as the app exports it, printed to
// PDF by LibreOffice on the server (`soffice --headless --convert-to pdf`).
// LibreOffice is optional: without it the app says so and offers Word only.
//
// Each conversion runs in a fresh temporary directory with its own
// LibreOffice profile (two conversions never share a profile lock), under a
// timeout that kills the whole process group, one at a time per process (a
// conversion takes a core for seconds), and the result is kept by the Word
// file's SHA-256: the export is deterministic, so the same plan is converted
// once. Nothing a user typed ever reaches the command line: the file names
// and arguments are fixed, the document goes in as a file.
import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { accessSync, constants, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const PDF_UNAVAILABLE = "服务器未安装 LibreOffice，无法生成 PDF；请下载 Word 文件。";

/** Why no PDF: LibreOffice is missing, took too long, or failed on the file. */
export class PdfError extends Error {
  constructor(
    readonly reason: "unavailable" | "timeout" | "failed",
    message: string,
  ) {
    super(message);
    this.name = "PdfError";
  }
}

/** The names LibreOffice installs under (Debian: both; upstream packages: soffice). */
const EXECUTABLES = ["soffice", "libreoffice"];

/** The first of `names` that is an executable file in a directory of PATH, or null. */
export function findOnPath(names: string[], path = process.env.PATH ?? ""): string | null {
  const dirs = path.split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type PdfConverterOptions = {
  /** The LibreOffice executable; default: soffice or libreoffice on PATH. null: none. */
  command?: string | null;
  /** How long one conversion may take before it is killed. */
  timeoutMs?: number;
  /** Where converted files are kept, by the Word file's SHA-256; null: memory only. */
  cacheDir?: string | null;
};

/** A cold LibreOffice (fresh profile) takes 3–10 s for a plan on 2 cores; a stuck one is stopped. */
const DEFAULT_TIMEOUT_MS = 120_000;
/** Converted files also kept in memory, newest last (a published plan is downloaded in bursts). */
const MEMORY_ENTRIES = 16;

export type PdfConverter = {
  /** The executable, or null when LibreOffice is not installed. */
  readonly command: string | null;
  available(): boolean;
  /** The PDF of a Word file (from the cache when this file was converted before). */
  toPdf(docx: Uint8Array): Promise<Uint8Array>;
  /** How many times LibreOffice actually ran (tests count cache hits with it). */
  readonly conversions: number;
};

export function createPdfConverter(options: PdfConverterOptions = {}): PdfConverter {
  const command =
    options.command === undefined
      ? findOnPath(EXECUTABLES)
      : options.command !== null && isExecutable(options.command)
        ? options.command
        : null;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const memory = new Map<string, Uint8Array>();
  const inFlight = new Map<string, Promise<Uint8Array>>();
  let queue: Promise<unknown> = Promise.resolve();
  let conversions = 0;

  /** Runs `task` after every task queued before it: one LibreOffice at a time. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  function remember(key: string, pdf: Uint8Array) {
    memory.delete(key);
    memory.set(key, pdf);
    while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
  }

  async function cached(key: string): Promise<Uint8Array | null> {
    const inMemory = memory.get(key);
    if (inMemory) return inMemory;
    if (!cacheDir) return null;
    try {
      const bytes = new Uint8Array(await readFile(join(cacheDir, `${key}.pdf`)));
      if (!isPdf(bytes)) return null;
      remember(key, bytes);
      return bytes;
    } catch {
      return null;
    }
  }

  async function keep(key: string, pdf: Uint8Array) {
    remember(key, pdf);
    if (!cacheDir) return;
    try {
      await mkdir(cacheDir, { recursive: true, mode: 0o700 });
      // Written aside, then renamed: another server process never reads half a file.
      const partial = join(cacheDir, `${key}.${randomUUID()}.partial`);
      await writeFile(partial, pdf, { mode: 0o600 });
      await rename(partial, join(cacheDir, `${key}.pdf`));
    } catch (error) {
      // The PDF is still good; only the next process will have to convert again.
      console.error(`PDF 缓存写入失败（${cacheDir}）：${(error as Error).message}`);
    }
  }

  async function convertOnce(docx: Uint8Array): Promise<Uint8Array> {
    if (!command) throw new PdfError("unavailable", PDF_UNAVAILABLE);
    const key = createHash("sha256").update(docx).digest("hex");
    const hit = await cached(key);
    if (hit) return hit;
    // A second request for the same file (a double click) waits for the first.
    const running = inFlight.get(key);
    if (running) return running;
    const job = exclusive(async () => {
      const again = await cached(key);
      if (again) return again;
      conversions += 1;
      const pdf = await convert(command, docx, timeoutMs);
      await keep(key, pdf);
      return pdf;
    }).finally(() => inFlight.delete(key));
    inFlight.set(key, job);
    return job;
  }

  return {
    command,
    available: () => command !== null,
    toPdf: convertOnce,
    get conversions() {
      return conversions;
    },
  };
}

/** data/cache/pdf beside the SQLite database, or PDF_CACHE_DIR. */
function defaultCacheDir(): string {
  return resolve(process.env.PDF_CACHE_DIR || "./data/cache/pdf");
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";
}

/** The most of LibreOffice's error output kept for the server log. */
const STDERR_KEPT = 4096;

/**
 * LibreOffice's PDF filter, keeping the blank pages it inserts: the page
 * before a 版记 that must fall on an even page is printed too, so that a
 * double-sided print of the PDF comes out as the Word file does.
 */
export const PDF_FILTER =
  'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}';

/** One LibreOffice run in its own temporary directory and profile, removed afterwards. */
async function convert(command: string, docx: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), "annual-plan-pdf-"));
  try {
    const input = join(dir, "plan.docx");
    await writeFile(input, docx);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--invisible",
      "--nologo",
      "--nodefault",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      PDF_FILTER,
      "--outdir",
      dir,
      input,
    ];
    const { code, signal, stderr, timedOut } = await run(command, args, dir, timeoutMs);
    if (timedOut) {
      throw new PdfError(
        "timeout",
        `生成 PDF 超时（超过 ${Math.ceil(timeoutMs / 1000)} 秒），转换已停止；请稍后重试，或下载 Word 文件。`,
      );
    }
    let pdf: Uint8Array | null = null;
    try {
      pdf = new Uint8Array(await readFile(join(dir, "plan.pdf")));
    } catch {
      // no file: reported below with the exit status
    }
    if (code !== 0 || !pdf || !isPdf(pdf)) {
      console.error(
        `LibreOffice 转换失败（${command}，退出码 ${code ?? signal}）：${stderr.trim() || "无输出"}`,
      );
      throw new PdfError(
        "failed",
        "LibreOffice 未能把 Word 文件转换为 PDF；请稍后重试，或下载 Word 文件。",
      );
    }
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

type RunResult = {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
};

/**
 * Runs the command in a process group of its own (soffice starts soffice.bin
 * under it), and kills the whole group when it overruns.
 */
function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<RunResult> {
  return new Promise((done, failed) => {
    const child = spawn(command, args, {
      cwd,
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let timedOut = false;
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < STDERR_KEPT) stderr += chunk.slice(0, STDERR_KEPT - stderr.length);
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // the group has already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      failed(new PdfError("unavailable", `${PDF_UNAVAILABLE}（${error.message}）`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // Whatever the outcome, nothing of this run may live on (a helper left behind).
      killGroup();
      done({ code, signal, stderr, timedOut });
    });
  });
}

let shared: PdfConverter | undefined;

/** The server's converter: LibreOffice from PATH (looked up once), the cache under data/. */
export function pdfConverter(): PdfConverter {
  shared ??= createPdfConverter();
  return shared;
}

/** Whether this server can make PDFs (LibreOffice installed when the server started). */
export function pdfAvailable(): boolean {
  return pdfConverter().available();
}

/** Tests swap the server's converter (a missing executable, a fake one); undefined restores it. */
export function setPdfConverterForTesting(converter: PdfConverter | undefined): void {
  shared = converter;
}
