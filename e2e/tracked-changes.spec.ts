import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";

import {
  expect,
  expectAccessible,
  openPlanFromTemplates,
  selectWords,
  switchTo,
  test,
} from "./fixtures";

// 痕迹保留: the economy section's leader edits the text during review, the
// drafter sees each change with its author and undoes one, and 党政办 accepts
// them all at 统稿. Year 2044 keeps it apart from the other stories.
test.describe.configure({ mode: "serial", timeout: 90_000 });

let planUrl = "";

const FIRST = "全年引进亿元以上项目5个，新增规上企业3家。";
const SENTENCE = "确保固定资产投资稳步增长。";

const badge = (page: Page) => page.locator(".page-header .badge");
const editor = (page: Page) => page.getByRole("textbox", { name: "章节正文" });

async function openEconomy(page: Page) {
  await page.goto(planUrl);
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  await expect(
    page.getByRole("heading", { name: "经济发展", exact: true, level: 1 }),
  ).toBeVisible();
}

test("the coordinator opens the 2044 plan; the other five sections are already approved", async ({
  page,
  signInAs,
  db,
}) => {
  await signInAs("coordinator");
  planUrl = await openPlanFromTemplates(page, 2044);
  // Only the economy section's journey matters here.
  const planId = planUrl.split("/").pop()!;
  await db
    .updateTable("sections")
    .set({ state: "approved" })
    .where("planId", "=", planId)
    .where("kind", "!=", "economy")
    .execute();
});

test("econ writes the economy section and submits it", async ({ page, signInAs }) => {
  await signInAs("econ");
  await openEconomy(page);
  await editor(page).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("抓好经济发展工作");
  await page.keyboard.press("Enter");
  await page.keyboard.type(FIRST + SENTENCE);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核。")).toBeVisible();
  await expect(badge(page)).toHaveText("待分管领导审核");
  // While it is in review, the drafter only reads.
  await page.reload();
  await expect(editor(page)).toHaveAttribute("aria-readonly", "true");
  await expect(page.getByTestId("read-only-note")).toContainText("只有分管领导能修改");
});

test("leader1 changes 5个 to 8个 and deletes a sentence, then returns the section", async ({
  page,
  signInAs,
}) => {
  await signInAs("leader1");
  await openEconomy(page);
  await expect(page.getByTestId("reviewer-note")).toContainText("您的修改将以修订痕迹保留");
  await editor(page).click();
  await selectWords(page, "5", "项目5个");
  await expect(page.getByText("已选中：“5”")).toBeVisible();
  await page.keyboard.type("8");
  await expect(editor(page)).toContainText("项目8个");
  await selectWords(page, SENTENCE);
  await expect(page.getByText(`已选中：“${SENTENCE}”`)).toBeVisible();
  await page.keyboard.press("Backspace");
  await expect(editor(page)).toContainText("全年引进亿元以上项目8个，新增规上企业3家。");
  await expect(editor(page)).not.toContainText(SENTENCE);

  // No waiting for the autosave: returning saves the text first.
  await page.getByRole("button", { name: "退回修改" }).click();
  const dialog = page.getByRole("dialog", { name: "退回修改" });
  await dialog.getByLabel("退回理由（必填）").fill("项目数按县里任务调整，投资一句不必写。");
  await dialog.getByRole("button", { name: "确认退回" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已退回修改。" })).toBeVisible();
  await expect(badge(page)).toHaveText("已退回修改");
  await expect(editor(page)).toContainText("项目8个");
});

test("econ sees both changes with leader1's name, undoes the deletion and resubmits", async ({
  page,
  signInAs,
}) => {
  await signInAs("econ");
  const todo = page
    .getByTestId("todo-list")
    .getByRole("row")
    .filter({ hasText: "示例镇2044年工作计划" });
  await expect(todo).toContainText("张建国修改了 3 处");
  await todo.getByRole("link", { name: "经济发展" }).click();
  await expect(page.getByTestId("others-changed")).toContainText("张建国修改了 3 处");
  await page.getByRole("link", { name: "查看修改痕迹" }).click();

  await expect(page.getByRole("heading", { name: "经济发展 · 修改痕迹", level: 1 })).toBeVisible();
  await expect(page.getByTestId("change-author")).toHaveText(/张建国\s*插入 1 处，删除 2 处/);
  const document = page.locator(".document-view");
  const inserted = document.locator("ins.change");
  await expect(inserted).toHaveText("8");
  await expect(inserted).toHaveAttribute("title", /^张建国 \d+月\d+日 \d\d:\d\d 插入$/);
  await expect(document.locator("del.change")).toHaveText(["5", SENTENCE]);
  // Each change is reachable by keyboard and says who made it.
  await document.locator("del.change").first().focus();
  await expect(document.locator("del.change").first()).toBeFocused();
  await expectAccessible(page, "修改痕迹（起草科室）");

  await page.getByRole("button", { name: `撤销此修改：删除“${SENTENCE}”` }).click();
  await expect(page.getByText("已撤销，撤销后的文本已作为新版本保存。")).toBeVisible();
  await expect(document.locator("del.change")).toHaveText(["5"]);
  await expect(page.getByTestId("change-list").getByRole("row")).toHaveCount(3);

  // The plan's 修改痕迹 gathers every section's; only economy has any.
  await page.goto(`${planUrl}/changes`);
  await expect(page.getByTestId("section-changes")).toHaveCount(1);
  await expect(page.getByTestId("section-changes")).toContainText("经济发展：2 处修改");
  await expect(page.getByTestId("change-author")).toHaveText(/张建国\s*插入 1 处，删除 1 处/);
  await expectAccessible(page, "计划修改痕迹");

  await openEconomy(page);
  await expect(editor(page)).toContainText(`项目8个，新增规上企业3家。${SENTENCE}`);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核。")).toBeVisible();
  // The undo is on the record as econ's own revision.
  await page.getByRole("link", { name: "修改历史" }).click();
  await expect(page.getByText("撤销张建国的一处修改")).toBeVisible();
});

test("leader1 approves it; 统稿 starts", async ({ page }) => {
  await switchTo(page, "leader1");
  await openEconomy(page);
  await page.getByRole("button", { name: "通过", exact: true }).click();
  await expect(badge(page)).toHaveText("已通过");
  await switchTo(page, "coordinator");
  await page.goto(planUrl);
  await page.getByRole("button", { name: "开始统稿", exact: true }).click();
  await expect(badge(page)).toHaveText("统稿中");
});

test("at 统稿 the coordinator exports the 修订稿 and accepts all changes", async ({
  page,
  signInAs,
}) => {
  await signInAs("coordinator");
  await page.goto(planUrl);
  await page.getByRole("link", { name: "修改痕迹" }).click();
  // From the start of 统稿 nothing has changed yet.
  await expect(page.getByTestId("no-changes")).toBeVisible();

  await openEconomy(page);
  await page.getByRole("link", { name: "修改痕迹" }).click();
  await expect(page.getByTestId("no-changes")).toBeVisible();
  // From the first submission on: leader1's 5→8 (the deletion was undone).
  const picker = page.getByRole("combobox", { name: "比较起点" });
  const first = await picker
    .locator("option", { hasText: "送分管领导审核稿" })
    .last()
    .getAttribute("value");
  await picker.selectOption(first!);
  await page.getByRole("button", { name: "查看", exact: true }).click();
  await expect(page.getByTestId("change-author")).toHaveText(/张建国\s*插入 1 处，删除 1 处/);
  await expectAccessible(page, "修改痕迹（党政办统稿）");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出修订稿" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("示例镇2044年工作计划·经济发展（修订稿）.docx");
  const xml = strFromU8(unzipSync(readFileSync(await download.path()))["word/document.xml"]!);
  expect(xml.match(/<w:ins /g)).toHaveLength(1);
  expect(xml.match(/<w:del /g)).toHaveLength(1);
  expect(xml).toContain('w:author="张建国"');
  expect(xml).toMatch(/<w:delText[^>]*>5<\/w:delText>/);

  await page.getByRole("button", { name: "接受全部修订（清稿）" }).click();
  await expect(page.getByText("已接受全部修订（清稿）")).toBeVisible();
  await expect(page.getByTestId("no-changes")).toBeVisible();
  await expect(page.locator(".document-view")).toHaveCount(0);
  // The marked-up copy is kept as a 花脸稿, and later views start from it.
  await expect(picker.locator("option").first()).toHaveText(/^默认：花脸稿 第\d+次$/);
  await expect(page.locator(".page-header")).toContainText("对照 花脸稿");
});
