import type { Browser, Page } from "@playwright/test";

import { expect, signIn, test } from "./fixtures";

// One story, in order: the plan is opened, then its economy section is written.
test.describe.configure({ mode: "serial", timeout: 60_000 });

let planUrl = "";

async function openEconomySection(page: Page) {
  await page.goto(planUrl);
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  await expect(
    page.getByRole("heading", { name: "经济发展", exact: true, level: 1 }),
  ).toBeVisible();
}

/** The coordinator, in a browser of their own, on the economy section. */
async function coordinatorOnEconomySection(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "coordinator");
  await openEconomySection(page);
  return { context, page };
}

const SAVE_URL = "**/sections/*/content";

/** Saves fail as if the server were unreachable (the page itself still loads). */
async function cutSaves(page: Page) {
  await page.route(SAVE_URL, (route) => route.abort("connectionrefused"));
}

async function restoreSaves(page: Page) {
  await page.unroute(SAVE_URL);
}

/** Types at the very end of the section text. */
async function typeAtEnd(page: Page, text: string) {
  const editor = page.getByRole("textbox", { name: "章节正文" });
  await expect(editor).not.toHaveAttribute("aria-readonly", "true");
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

test("a town without a plan: the coordinator's 工作台 leads straight to opening one", async ({
  page,
  signInAs,
}) => {
  // 另一镇 never gets a plan in these tests.
  await signInAs("coordinator2");
  await expect(page.getByText("本镇还没有年度工作计划。")).toBeVisible();
  await page.getByRole("link", { name: "新建年度计划" }).click();
  await expect(page).toHaveURL(/\/plans#create-plan$/);
  await expect(page.getByRole("region", { name: "新建年度计划" })).toBeFocused();
  await expect(page.getByRole("textbox", { name: "年度" })).toBeVisible();
});

test("the coordinator opens the 2027 plan from templates with six assigned sections", async ({
  page,
  signInAs,
}) => {
  await signInAs("coordinator");
  await page.getByRole("link", { name: "年度计划", exact: true }).click();
  await page.getByRole("textbox", { name: "年度" }).fill("2027");
  await page.getByLabel("创建方式").selectOption("templates");
  await page.getByRole("button", { name: "创建计划" }).click();
  await expect(page.getByText("已创建2027年工作计划，各章节已分派到科室")).toBeVisible();
  await expect(page.getByRole("heading", { name: "示例镇2027年工作计划" })).toBeVisible();
  planUrl = new URL(page.url()).pathname;

  const rows = page.getByRole("region", { name: "章节（6）" }).getByRole("row");
  await expect(rows).toHaveCount(7);
  await expect(rows.filter({ hasText: "经济发展" })).toContainText("经济发展办公室");
  await expect(rows.filter({ hasText: "经济发展" })).toContainText("张建国");
  await expect(rows.filter({ hasText: "生态环境" })).toContainText("孙立新");
  await expect(rows.filter({ hasText: "民生保障" })).toContainText("社会事务办公室");

  // The same year twice is refused with a clear message.
  await page.goto("/plans");
  await page.getByRole("textbox", { name: "年度" }).fill("2027");
  await page.getByRole("button", { name: "创建计划" }).click();
  await expect(page.getByText("2027年工作计划已经建立，不能重复创建")).toBeVisible();
});

test("econ writes in the economy section; the text is there after a reload", async ({
  page,
  signInAs,
}) => {
  await signInAs("econ");
  await openEconomySection(page);
  await expect(page.getByText(/还有 \d+ 处待填写/)).toBeVisible();
  await typeAtEnd(page, "全年计划引进过亿元项目5个以上。");
  await expect(page.getByTestId("save-status")).toContainText("已保存");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "章节正文" })).toContainText(
    "全年计划引进过亿元项目5个以上。",
  );
});

test("text typed while the network is down reaches the server once it is back", async ({
  page,
  context,
  signInAs,
  browser,
}) => {
  await signInAs("econ");
  await openEconomySection(page);
  await context.setOffline(true);
  await typeAtEnd(page, "断网时写下的内容。");
  await expect(page.getByTestId("save-status")).toContainText("网络中断", { timeout: 10_000 });
  await context.setOffline(false);
  await expect(page.getByTestId("save-status")).toContainText("已保存", { timeout: 15_000 });

  // Another browser sees it: it is on the server, not only in this one.
  const { context: other, page: coordinator } = await coordinatorOnEconomySection(browser);
  await expect(coordinator.getByRole("textbox", { name: "章节正文" })).toContainText(
    "断网时写下的内容。",
  );
  await other.close();
});

test("two people save the same section: the second sees the conflict and keeps their text", async ({
  page,
  signInAs,
  browser,
}) => {
  await signInAs("econ");
  await openEconomySection(page);

  const { context: other, page: coordinator } = await coordinatorOnEconomySection(browser);

  await typeAtEnd(page, "科室的修改。");
  await expect(page.getByTestId("save-status")).toContainText("已保存");

  await typeAtEnd(coordinator, "党政办的修改。");
  const conflict = coordinator.getByRole("region", { name: /保存了本章节的新版本/ });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("王强");
  await expect(coordinator.getByTestId("conflict-theirs")).toContainText("科室的修改。");
  await expect(coordinator.getByTestId("conflict-mine")).toContainText("党政办的修改。");
  await coordinator.getByRole("button", { name: "保留我的内容（另存为新版本）" }).click();
  await expect(coordinator.getByTestId("save-status")).toContainText("已保存");
  await expect(conflict).toBeHidden();
  await other.close();

  await page.reload();
  await expect(page.getByRole("textbox", { name: "章节正文" })).toContainText("党政办的修改。");
});

test("agri opens the economy section read-only", async ({ page, signInAs }) => {
  await signInAs("agri");
  await openEconomySection(page);
  await expect(page.getByTestId("read-only-note")).toContainText(
    "本章节由经济发展办公室起草，您只能查看。",
  );
  await expect(page.getByRole("textbox", { name: "章节正文" })).toHaveAttribute(
    "aria-readonly",
    "true",
  );
  await expect(page.getByRole("toolbar", { name: "编辑工具" })).toHaveCount(0);
  // The caret is there to read and select with the keyboard; typing changes nothing.
  const editor = page.getByRole("textbox", { name: "章节正文" });
  const before = await editor.innerText();
  await editor.click();
  await page.keyboard.type("不该出现的字");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Enter");
  await expect.poll(() => editor.innerText()).toBe(before);
});

test("the history page shows what changed between two revisions and restores one", async ({
  page,
  signInAs,
}) => {
  await signInAs("econ");
  await openEconomySection(page);
  await page.getByRole("link", { name: "修改历史" }).click();
  await expect(page.getByRole("heading", { name: "经济发展 · 修改历史" })).toBeVisible();
  const revisions = page.getByRole("region", { name: /版本（\d+）/ }).getByRole("row");
  await expect(revisions.filter({ hasText: "由模板生成" })).toHaveCount(1);
  await expect(revisions.filter({ hasText: "王强" }).first()).toBeVisible();

  // Newest (the coordinator's "keep mine") against econ's: a change inside one
  // paragraph is marked character by character.
  await expect(page.getByTestId("diff").locator("ins")).toHaveText(["党政办"]);
  await expect(page.getByTestId("diff").locator("del")).toHaveText(["科室"]);

  // Restoring the template's text is a new revision, on the record.
  const template = revisions.filter({ hasText: "由模板生成" });
  await template.getByRole("button", { name: "恢复此版本" }).click();
  await expect(page.getByText(/已恢复为 .* 的版本（作为新版本保存）/)).toBeVisible();
  await expect(revisions.filter({ hasText: /恢复为/ })).toHaveCount(1);
  await expect(page.getByTestId("diff").locator("del").first()).toBeVisible();
  await openEconomySection(page);
  await expect(page.getByRole("textbox", { name: "章节正文" })).not.toContainText("党政办的修改。");
});

test("the coordinator edits the targets, with clear messages for bad numbers", async ({
  page,
  signInAs,
}) => {
  await signInAs("coordinator");
  await page.goto(planUrl);
  await page.getByRole("link", { name: "编辑预期目标" }).click();
  await expect(page.getByRole("heading", { name: "主要预期目标" })).toBeVisible();
  await page.getByRole("button", { name: "添加一项" }).click();
  const rows = page.locator(".targets-table tbody tr");
  const last = rows.last();
  await last.getByRole("textbox", { name: /项指标名称/ }).fill("新建高标准农田");
  await last.getByRole("textbox", { name: /项目标值/ }).fill("一万");
  await last.getByLabel(/项单位/).fill("亩");
  await page.getByRole("button", { name: "保存预期目标" }).click();
  await expect(last).toContainText("目标值应为数字，如 6 或 3.2");
  await last.getByRole("textbox", { name: /项目标值/ }).fill("10000");
  // The first target moves down one place.
  await rows.first().getByRole("button", { name: "下移第 1 项" }).click();
  await page.getByRole("button", { name: "保存预期目标" }).click();
  await expect(page.getByText(/已保存主要预期目标（\d+ 项）/)).toBeVisible();
  const targets = page.getByRole("region", { name: "主要预期目标" }).getByRole("row");
  await expect(targets.nth(1)).toContainText("一般公共预算收入增长");
  await expect(targets.nth(2)).toContainText("地区生产总值增长");
  await expect(targets.last()).toContainText("10000亩");
});

test("the coordinator adds a section, moves it up and removes it", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  await page.goto(planUrl);
  await page.getByText("添加章节").click();
  await page.getByRole("textbox", { name: "章节名称" }).fill("专项工作");
  await page.getByLabel("起草科室").selectOption({ label: "党政办公室" });
  await page.getByRole("button", { name: "添加", exact: true }).click();
  await expect(page.getByText("已新增章节“专项工作”")).toBeVisible();
  const sections = page.getByRole("region", { name: /章节（\d+）/ }).getByRole("row");
  await expect(sections.last()).toContainText("专项工作");

  await page.getByRole("button", { name: "上移 专项工作" }).click();
  await expect(sections.nth(6)).toContainText("专项工作");
  await expect(sections.last()).toContainText("社会治理与党的建设");

  await page.getByRole("link", { name: "分工设置：专项工作" }).click();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "删除本章节" }).click();
  await expect(page.getByText("已删除章节“专项工作”，其余章节已重新编号")).toBeVisible();
  await expect(page.getByRole("region", { name: "章节（6）" })).toBeVisible();
});

test("text that never reached the server is offered back after a reload", async ({
  page,
  signInAs,
}) => {
  await signInAs("econ");
  await openEconomySection(page);
  // Saves fail (server unreachable) while the page is reloaded.
  await cutSaves(page);
  await typeAtEnd(page, "只存在本机的内容。");
  await expect(page.getByTestId("save-status")).toContainText("网络中断");
  await page.reload();
  await expect(
    page.getByRole("alert").filter({ hasText: "发现本机保存的未提交内容" }),
  ).toBeVisible();
  await restoreSaves(page);
  await page.getByRole("button", { name: "恢复这些内容" }).click();
  await expect(page.getByTestId("save-status")).toContainText("已保存");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "章节正文" })).toContainText("只存在本机的内容。");
  await expect(page.getByText("发现本机保存的未提交内容")).toHaveCount(0);
});

test("the editor shows who else has the section open", async ({ page, signInAs, browser }) => {
  await signInAs("econ");
  await openEconomySection(page);
  const { context: other, page: coordinator } = await coordinatorOnEconomySection(browser);
  await expect(coordinator.getByTestId("presence")).toHaveText("王强 正在编辑本章节");
  await other.close();
});

test("a local draft restored after someone else saved opens the conflict view, not an overwrite", async ({
  page,
  signInAs,
  browser,
}) => {
  await signInAs("econ");
  await openEconomySection(page);
  await cutSaves(page);
  await typeAtEnd(page, "离线时的旧草稿。");
  await expect(page.getByTestId("save-status")).toContainText("网络中断");

  // Meanwhile the coordinator saves a new version.
  const { context: other, page: coordinator } = await coordinatorOnEconomySection(browser);
  await typeAtEnd(coordinator, "党政办在此期间的补充。");
  await expect(coordinator.getByTestId("save-status")).toContainText("已保存");
  await other.close();

  await page.reload();
  await restoreSaves(page);
  await page.getByRole("button", { name: "恢复这些内容" }).click();
  await expect(page.getByRole("region", { name: /保存了本章节的新版本/ })).toBeVisible();
  await expect(page.getByTestId("conflict-theirs")).toContainText("党政办在此期间的补充。");
  await expect(page.getByTestId("conflict-mine")).toContainText("离线时的旧草稿。");
});
