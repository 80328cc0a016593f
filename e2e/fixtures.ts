import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, test as base, type Page } from "@playwright/test";
import type { Kysely } from "kysely";

import { createDatabase } from "../db/client";
import type { Database } from "../db/schema";
import { DEMO_PASSWORD } from "../db/seed-demo";
import { E2E_DATABASE } from "./env";

export { expect };

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  // Wait for the answer to the sign-in POST, so that a navigation right after
  // cannot overtake it and arrive without the session cookie.
  await Promise.all([
    page.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().includes("/login"),
    ),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
}

/** Signs out whoever is signed in, then signs in as `username` and waits for their 工作台. */
export async function switchTo(page: Page, username: string) {
  await page.context().clearCookies();
  await signIn(page, username);
  await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
}

/** The coordinator (signed in) opens the plan for `year` from the templates; answers its path. */
export async function openPlanFromTemplates(page: Page, year: number): Promise<string> {
  await page.goto("/plans");
  await page.getByRole("textbox", { name: "年度" }).fill(String(year));
  await page.getByLabel("创建方式").selectOption("templates");
  await page.getByRole("button", { name: "创建计划" }).click();
  await expect(page.getByRole("heading", { name: `示例镇${year}年工作计划` })).toBeVisible();
  return new URL(page.url()).pathname;
}

/**
 * Selects `words` in the section text as a reader would with the mouse: where
 * they stand inside `within` (default: their first appearance).
 */
export async function selectWords(page: Page, words: string, within = words) {
  await page.locator(".editor-root").evaluate(
    (root, [words, within]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(within) ?? -1;
        if (at < 0) continue;
        const start = at + within.indexOf(words);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + words.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`text not found: ${within}`);
    },
    [words, within] as const,
  );
}

/** Pastes into the section editor at the caret, as from Word: `html`, with `text` as the plain form. */
export async function pasteIntoEditor(page: Page, html: string, text: string) {
  await page.locator(".editor-root").evaluate(
    (root, [html, text]) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", text);
      root.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
    },
    [html, text] as const,
  );
}

/** Types a day ("2027-01-15") into a 年/月/日 field, as a person would with the keyboard. */
export async function fillDate(scope: Page | Locator, label: string | RegExp, day: string) {
  const [year, month, date] = day.split("-");
  const group = scope.getByRole("group", { name: label });
  await group.getByLabel("年").fill(year!);
  await group.getByLabel("月").fill(String(Number(month)));
  await group.getByLabel("日").fill(String(Number(date)));
}

/**
 * The page as it stands (dialogs open included) has no WCAG 2.1 AA violation
 * that axe-core finds, and exactly one h1. A screenshot of it is kept in
 * test-results/ and the report, so the journey can be looked at page by page.
 */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.help}): ${v.nodes
        .slice(0, 3)
        .map((node) => `${node.target.join(" ")} — ${node.failureSummary ?? ""}`)
        .join(" | ")}`,
  );
  expect(violations, `${what}：无障碍检查`).toEqual([]);
  await expect(page.locator("h1"), `${what}：只有一个一级标题`).toHaveCount(1);
  const path = base.info().outputPath(`${what}.png`);
  await page.screenshot({ path });
  await base.info().attach(what, { path, contentType: "image/png" });
}

export const test = base.extend<
  { signInAs: (username: string) => Promise<void>; pageChecks: void },
  { db: Kysely<Database> }
>({
  /**
   * On every test, automatically: no page may break the Content-Security-Policy
   * (a blocked script or style would be a broken page), and no page may carry
   * NUL bytes.
   */
  pageChecks: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        const text = message.text();
        // frame-ancestors refusing to be framed by another site is the policy at work.
        if (/Content Security Policy/i.test(text) && !/frame-ancestors/.test(text)) {
          problems.push(text);
        }
      });
      const pending: Promise<void>[] = [];
      page.on("response", (response) => {
        const type = response.headers()["content-type"] ?? "";
        if (!type.startsWith("text/html")) return;
        pending.push(
          response.body().then(
            (body) => {
              if (body.includes(0)) problems.push(`NUL bytes in ${response.url()}`);
            },
            () => undefined, // a page navigated away before its body was read
          ),
        );
      });
      await use();
      await Promise.all(pending);
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
  /** Sign in as a demo user and wait for the workbench. */
  signInAs: async ({ page }, use) => {
    await use(async (username: string) => {
      await signIn(page, username);
      await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
    });
  },
  /** The server's database, for arranging data the UI cannot create yet. */
  db: [
    // Playwright requires the destructuring pattern, even when empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const db = createDatabase({ dialect: "sqlite", filename: E2E_DATABASE });
      await use(db);
      await db.destroy();
    },
    { scope: "worker" },
  ],
});
