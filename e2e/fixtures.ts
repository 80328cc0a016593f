import { expect, test as base, type Page } from "@playwright/test";
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

export const test = base.extend<
  { signInAs: (username: string) => Promise<void> },
  { db: Kysely<Database> }
>({
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
