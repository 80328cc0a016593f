import type { Page } from "@playwright/test";

import { today } from "../app/utils/dates";
import {
  expect,
  openPlanFromTemplates,
  pasteIntoEditor,
  selectWords,
  signIn,
  test,
} from "./fixtures";

// Who may close a comment thread, headings that never show their number twice,
// and a plan carried over from last year that carries none of last year's days.
test.describe.configure({ mode: "serial" });

let planUrl = "";

async function openEconomy(page: Page) {
  await page.goto(planUrl);
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  await expect(page.locator(".page-header h1")).toHaveText("经济发展");
}

async function switchTo(page: Page, username: string) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await signIn(page, username);
}

test("the coordinator opens the 2036 plan", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  planUrl = await openPlanFromTemplates(page, 2036);
});

test("only the person who commented, the section's leader or 党政办 closes a thread", async ({
  page,
  signInAs,
}) => {
  await signInAs("econ");
  await openEconomy(page);
  await selectWords(page, "重点项目");
  await page.getByRole("button", { name: "对选中文字提意见" }).click();
  await page.getByLabel("意见", { exact: true }).fill("请列出重点项目名单，\n并写明投资额。");
  await page.getByRole("button", { name: "发表意见" }).click();
  const thread = page.getByTestId("comment-thread");
  // The line break the writer typed is kept.
  expect(await thread.locator(".comment-body").first().innerText()).toBe(
    "请列出重点项目名单，\n并写明投资额。",
  );

  // leader2 oversees other sections: may read and reply, not close it.
  await switchTo(page, "leader2");
  await openEconomy(page);
  await expect(thread).toContainText("请列出重点项目名单");
  await expect(thread.getByRole("button", { name: "标记为已解决" })).toHaveCount(0);
  // A forged post is refused by the server, not just hidden.
  const refused = await page.evaluate(async (url) => {
    const threadId = document
      .querySelector('[data-testid="comment-thread"] input[name="threadId"]')
      ?.getAttribute("value");
    const body = new URLSearchParams({ intent: "resolve", threadId: threadId ?? "" });
    return (await fetch(url, { method: "POST", body })).status;
  }, new URL(page.url()).pathname);
  expect(refused).toBe(403);
  await page.reload();
  await expect(thread).not.toHaveClass(/resolved/);

  // The section's own leader may.
  await switchTo(page, "leader1");
  await openEconomy(page);
  await thread.getByRole("button", { name: "标记为已解决" }).click();
  await expect(thread).toHaveClass(/resolved/);
});

test("a heading pasted with its number keeps one number, the one from its place", async ({
  page,
  signInAs,
}) => {
  await signInAs("econ");
  await openEconomy(page);
  const editor = page.locator(".editor-root");
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await pasteIntoEditor(
    page,
    "<h2>（六）抓好财税工作</h2><p>确保一般公共预算收入增长。</p>",
    "（六）抓好财税工作\n确保一般公共预算收入增长。",
  );
  // A second-level heading: an h3 in the page, below the page's h1 and the section's h2s.
  const heading = editor.getByRole("heading", { level: 3, name: "抓好财税工作" });
  await expect(heading).toHaveText("抓好财税工作");
  // The number shown is the editor's own, generated from the heading's place.
  const shown = await heading.evaluate((element) => getComputedStyle(element, "::before").content);
  expect(shown).toContain("counter(h2");
  await expect(page.getByText(/已保存/)).toBeVisible({ timeout: 10_000 });
  await page.reload();
  await expect(heading).toHaveText("抓好财税工作");
});

test("a plan from last year's plan shows no past deadline and 【】 where the year was", async ({
  page,
  signInAs,
  db,
}) => {
  // Last year's plan had its deadlines early in its year, long past now.
  const planId = planUrl.split("/").pop()!;
  await db
    .updateTable("sections")
    .set({ deadline: "2025-01-10" })
    .where("planId", "=", planId)
    .execute();
  await db.updateTable("plans").set({ deadline: "2025-01-15" }).where("id", "=", planId).execute();

  await signInAs("coordinator");
  await page.goto("/plans");
  await page.getByRole("textbox", { name: "年度" }).fill("2037");
  await page.getByLabel("创建方式").selectOption("previous");
  await page.getByRole("button", { name: "创建计划" }).click();
  await expect(page.getByRole("heading", { name: "示例镇2037年工作计划" })).toBeVisible();

  const sections = page
    .getByRole("table")
    .filter({ has: page.getByRole("columnheader", { name: "截止日期" }) });
  const deadlines = await sections.locator("tbody tr td:nth-child(5)").allInnerTexts();
  expect(deadlines).toHaveLength(6);
  for (const deadline of deadlines) expect(deadline.slice(0, 10) >= today()).toBe(true);
  await expect(page.locator(".page-header")).not.toContainText("2025-01-15");

  await expect(page.getByText("【2037年是……】", { exact: false })).toBeVisible();
  await expect(page.getByTestId("text-placeholders")).toBeVisible();
});
