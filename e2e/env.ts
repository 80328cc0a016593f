import fs from "node:fs";

import { chromium } from "@playwright/test";

// Shared by playwright.config.ts, the fixtures and bench/typing.ts.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE = "./data/e2e.db";

/**
 * The Chromium to drive: undefined for Playwright's own (when installed),
 * else Debian's /usr/bin/chromium or CHROMIUM_PATH; null when there is none.
 */
export function chromiumExecutable(): string | undefined | null {
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no bundled browser registered
  }
  return (
    [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
      (candidate) => candidate && fs.existsSync(candidate),
    ) ?? null
  );
}
