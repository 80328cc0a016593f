import { defineConfig } from "@playwright/test";

import { chromiumExecutable, E2E_DATABASE, E2E_PORT as PORT } from "./e2e/env";

/** Playwright's own Chromium, else Debian's (CI: no browser download works offline), else a clear stop. */
function chromiumOrStop(): string | undefined {
  const found = chromiumExecutable();
  if (found !== null) return found;
  throw new Error(
    "找不到 Chromium：请运行 `npx playwright install chromium`，或在 Debian/Ubuntu 上 `apt-get install chromium`，或用 CHROMIUM_PATH 指明浏览器位置。",
  );
}

export default defineConfig({
  testDir: "./e2e",
  // The suite shares one server and database; one worker keeps it deterministic on 2 cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1366, height: 768 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          executablePath: chromiumOrStop(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    // A fresh demo database for every run, then exactly what `npm start` does.
    command: "tsx scripts/seed.ts --reset && tsx scripts/start.ts",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: `file:${E2E_DATABASE}`,
      PORT: String(PORT),
      SESSION_SECRET: "e2e-only-session-secret",
    },
  },
});
