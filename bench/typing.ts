// Typing in a 20,000-character section, measured in Chromium through
// Playwright: for every keystroke, the time from the key event to the end of
// the next frame on the page's main thread (a requestAnimationFrame callback,
// then the task after it: the frame's style, layout and paint lie between),
// while the page's autosave and placeholder counter run. Baseline: one frame.
//
// Not the Event Timing API: in headless Chromium its durations end at the
// compositor's presentation feedback, which here stalled for ~3.9 s after a
// pause in typing with no task over 200 ms on any thread (traced), while the
// main thread painted every key within 25 ms (docs/performance.md).
import { chromium } from "@playwright/test";

import { chromiumExecutable } from "../e2e/env";

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 300);

export interface TypingFigures {
  keystrokes: number;
  p50: number;
  p95: number;
  p99: number;
  saves: number;
}

type Probe = { __frames: number[] };

/** null when no Chromium is installed. */
export async function measureTyping(
  base: string,
  cookie: string,
  path: string,
): Promise<TypingFigures | null> {
  const executable = chromiumExecutable();
  if (executable === null) return null;
  const browser = await chromium.launch({ executablePath: executable });
  try {
    const context = await browser.newContext();
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    let saves = 0;
    page.on("response", (response) => {
      if (response.url().endsWith("/content") && response.status() === 200) saves++;
    });
    await page.goto(`${base}${path}`);
    const editor = page.locator(".editor-root[contenteditable=true]");
    await editor.waitFor();
    // At the end of the text, as a drafter adds to a long section; a few keys first
    // (the browser's first layout of the edited line, the code's first run).
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("warm up ");
    await page.waitForTimeout(1500);
    await page.evaluate(() => {
      const frames: number[] = [];
      (window as unknown as Probe).__frames = frames;
      document.addEventListener(
        "keydown",
        (event) => {
          const start = event.timeStamp;
          requestAnimationFrame(() => setTimeout(() => frames.push(performance.now() - start)));
        },
        true,
      );
    });
    // Keys that reach the page as key events (Chinese typed through an input
    // method arrives as composition events; the editor's work per change is the same).
    const text = "xiangmu 2027 ";
    for (let i = 0; i < KEYSTROKES; i++) {
      // A pause after every 50 keys lets an autosave start; typing goes on while it runs.
      if (i > 0 && i % 50 === 0) await page.waitForTimeout(1200);
      await page.keyboard.type(text[i % text.length]!);
      // A quick typist's pace, leaving the page time to paint between keys.
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(2500); // the last autosave
    const frames = await page.evaluate(() => (window as unknown as Probe).__frames);
    const sorted = [...frames].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
    return { keystrokes: frames.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), saves };
  } finally {
    await browser.close();
  }
}
