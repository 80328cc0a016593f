import {
  expect,
  expectAccessible,
  openPlanFromTemplates,
  selectWords,
  signIn,
  test,
} from "./fixtures";

// Every page each role uses, scanned with axe-core at WCAG 2.1 AA, dialogs
// and forms open with their errors showing. The approval journey scans the
// plan's later steps (统稿, mayor, Party committee, 印发) as it goes.
test.describe.configure({ mode: "serial", timeout: 90_000 });

let planUrl = "";

test("the sign-in page, with and without its error", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page, "登录");
  await page.getByLabel("用户名").fill("coordinator");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page, "登录（密码错误）");
});

test("the coordinator's pages", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  await expectAccessible(page, "工作台·待办");
  await page.getByRole("link", { name: /^已办/ }).click();
  await expectAccessible(page, "工作台·已办");
  await page.getByRole("link", { name: /^我发起/ }).click();
  await expectAccessible(page, "工作台·我发起");

  planUrl = await openPlanFromTemplates(page, 2042);
  await expectAccessible(page, "计划");
  await page.goto("/plans");
  await expectAccessible(page, "年度计划");

  await page.goto(planUrl);
  await page.getByRole("link", { name: "分工设置：经济发展" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("经济发展 · 分工设置");
  await expectAccessible(page, "分工设置");

  await page.goto(`${planUrl}/settings`);
  await page.getByRole("textbox", { name: "形势与总体要求" }).fill("");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expectAccessible(page, "计划设置（含错误）");

  await page.goto(`${planUrl}/targets`);
  await expectAccessible(page, "主要预期目标");
  await page.goto(`${planUrl}/events`);
  await expectAccessible(page, "审核记录");
  await page.goto(`${planUrl}/preview`);
  await expect(page.getByTestId("print-preview")).toBeVisible();
  await expectAccessible(page, "打印预览");
  await page.goto("/account");
  await expectAccessible(page, "账号设置");
});

test("the drafter's pages", async ({ page, signInAs }) => {
  await signInAs("econ");
  await page.goto(planUrl);
  await expectAccessible(page, "计划（起草人）");
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  await expect(page.getByRole("toolbar", { name: "编辑工具" })).toBeVisible();
  await expectAccessible(page, "章节编辑");
  const editor = page.getByRole("textbox", { name: "章节正文" });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("抓好招商引资工作");
  await page.keyboard.press("Enter");
  await page.keyboard.type("全年引进亿元以上项目5个。");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核。")).toBeVisible();
  await expectAccessible(page, "章节（已提交）");
  await page.getByRole("link", { name: "修改历史" }).click();
  await expectAccessible(page, "修改历史");
});

test("the leader's section page, with the comment form and the return dialog open", async ({
  page,
  signInAs,
  db,
}) => {
  await signInAs("leader1");
  await expectAccessible(page, "工作台（分管领导）");
  await page.goto(planUrl);
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  await expectAccessible(page, "章节审核");
  await selectWords(page, "亿元以上项目5个");
  await page.getByRole("button", { name: "对选中文字提意见" }).click();
  await expectAccessible(page, "章节审核（填写意见）");
  await page.getByRole("button", { name: "取消" }).click();

  await page.getByRole("button", { name: "退回修改" }).click();
  const dialog = page.getByRole("dialog", { name: "退回修改" });
  await dialog.getByRole("button", { name: "确认退回" }).click();
  await expect(dialog.locator(".field-error")).toHaveText("请填写退回理由");
  await expectAccessible(page, "退回修改对话框（含错误）");

  // The server's refusal (here: the section changed meanwhile) shows in the open dialog,
  // with the reason as typed.
  await dialog.getByLabel("退回理由（必填）").fill("请补充项目清单。");
  await db
    .updateTable("sections")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", page.url().split("/").pop()!)
    .execute();
  await dialog.getByRole("button", { name: "确认退回" }).click();
  await expect(dialog.getByTestId("dialog-error")).toContainText("请刷新页面查看最新内容");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("退回理由（必填）")).toHaveValue("请补充项目清单。");
  await expectAccessible(page, "退回修改对话框（服务器拒绝）");
});

test("the administrator's pages", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin");
  await expectAccessible(page, "系统管理");
  await page.goto("/admin/users");
  await expectAccessible(page, "用户管理");
  await page.goto("/admin/users/new");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expectAccessible(page, "新建用户（含错误）");
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "编辑用户 econ" }).click();
  await expectAccessible(page, "编辑用户");
  await page.goto("/admin/departments");
  await expectAccessible(page, "科室管理");
  await page.goto("/admin/export");
  await expectAccessible(page, "公文格式");
});

test("refusal pages: 403 and 404", async ({ page }) => {
  await signIn(page, "econ");
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "无权访问");
  await page.goto("/no-such-page");
  await expectAccessible(page, "页面不存在");
});
