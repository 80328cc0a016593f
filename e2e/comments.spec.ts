import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let planUrl = "";

/** Selects `words` where they stand inside `context` (words may appear elsewhere too). */
async function selectWordsIn(page: Page, context: string, words: string) {
  await page.locator(".editor-root").evaluate(
    (root, [context, words]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(context) ?? -1;
        if (at < 0) continue;
        const start = at + context.indexOf(words);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + words.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`text not found: ${context}`);
    },
    [context, words] as const,
  );
}

test("the coordinator opens the 2029 plan", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  await page.goto("/plans");
  await page.getByRole("textbox", { name: "年度" }).fill("2029");
  await page.getByRole("button", { name: "创建计划" }).click();
  await expect(page.getByRole("heading", { name: "示例镇2029年工作计划" })).toBeVisible();
  planUrl = new URL(page.url()).pathname;
});

test("a comment on words that appear several times stays on the words selected", async ({
  page,
  signInAs,
}) => {
  await signInAs("leader1");
  await page.goto(planUrl);
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  // "重点项目" stands in four places of the economy template; pick the one after 年内实施.
  await selectWordsIn(page, "年内实施重点项目", "重点项目");
  await expect(page.getByText("已选中：“重点项目”")).toBeVisible();
  await page.getByRole("button", { name: "对选中文字提意见" }).click();
  await page.getByLabel("意见", { exact: true }).fill("请写明重点项目的名单。");
  await page.getByRole("button", { name: "发表意见" }).click();
  await expect(page.getByTestId("comment-thread")).toContainText("请写明重点项目的名单。");

  const mark = page.locator(".editor-root .comment-mark");
  const markedAfter = () =>
    mark.evaluate((element) => element.previousSibling?.textContent?.slice(-4) ?? "");
  await expect(mark).toHaveText("重点项目");
  expect(await markedAfter()).toBe("年内实施");

  // Still there for anyone who opens the section later.
  await page.reload();
  await expect(mark).toHaveText("重点项目");
  expect(await markedAfter()).toBe("年内实施");
});
