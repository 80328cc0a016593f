import { expect, openPlanFromTemplates, selectWords, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let planUrl = "";

test("the coordinator opens the 2029 plan", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  planUrl = await openPlanFromTemplates(page, 2029);
});

test("a comment on words that appear several times stays on the words selected", async ({
  page,
  signInAs,
}) => {
  await signInAs("leader1");
  await page.goto(planUrl);
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  // "重点项目" stands in four places of the economy template; pick the one after 年内实施.
  await selectWords(page, "重点项目", "年内实施重点项目");
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
