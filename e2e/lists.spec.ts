import type { Locator, Page } from "@playwright/test";

import { expect, openPlanFromTemplates, signIn, test } from "./fixtures";

// What a drafter sees in a list is what is printed: the editor shows the
// markers the preview and the Word file print with, in the town's style.
test.describe.configure({ mode: "serial" });

let planUrl = "";

/** Each list item of the editor as shown: its marker, then its text. */
async function shownItems(editor: Locator): Promise<string[]> {
  return editor
    .locator("li[data-marker]")
    .evaluateAll((items) =>
      items.map(
        (li) =>
          getComputedStyle(li, "::before").content.replace(/^"|"$/g, "") + (li.textContent ?? ""),
      ),
    );
}

async function openEconomy(page: Page) {
  await page.goto(planUrl);
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  await expect(page.getByRole("heading", { name: "经济发展", level: 1 })).toBeVisible();
  return page.getByRole("textbox", { name: "章节正文" });
}

test.afterAll(async ({ db }) => {
  // Whatever happened above, the town prints lists in the default style again.
  await db.updateTable("towns").set({ listStyle: "ordinal" }).execute();
});

test("the coordinator opens the 2043 plan", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  planUrl = await openPlanFromTemplates(page, 2043);
});

test("a bullet list prints in the preview as it shows in the editor", async ({ page }) => {
  await signIn(page, "econ");
  const editor = await openEconomy(page);
  await editor.locator("p").last().click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "项目列表" }).click();
  await page.keyboard.type("做好项目储备");
  await page.keyboard.press("Enter");
  await page.keyboard.type("加快签约落地");
  // Official documents have no bullets: 一是、二是 by default.
  await expect.poll(() => shownItems(editor)).toEqual(["一是做好项目储备", "二是加快签约落地"]);
  await expect(page.getByTestId("save-status")).toContainText("已保存");

  await page.goto(`${planUrl}/preview`);
  // Every page of the preview lays out the whole text and shows its own part of it.
  const preview = page.getByTestId("print-preview");
  await expect(preview.getByText("一是做好项目储备", { exact: true }).first()).toBeVisible();
  await expect(preview.getByText("二是加快签约落地", { exact: true }).first()).toBeVisible();
  await expect(preview).not.toContainText("•");
});

test("when the town prints lists as （1）（2）, the editor shows them so too", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/export");
  await page.getByRole("radio", { name: "（1）（2）（3）……" }).check();
  await page.getByRole("button", { name: "保存列表样式" }).click();
  await expect(page.getByRole("status").filter({ hasText: "列表" })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, "econ");
  const editor = await openEconomy(page);
  await expect.poll(() => shownItems(editor)).toEqual(["（1）做好项目储备", "（2）加快签约落地"]);
  await page.goto(`${planUrl}/preview`);
  await expect(
    page.getByTestId("print-preview").getByText("（1）做好项目储备", { exact: true }).first(),
  ).toBeVisible();
});
