import { DEMO_PASSWORD } from "../db/seed-demo";
import { expect, signIn, test } from "./fixtures";

test("admin creates a user who can sign in, then deactivates them and they cannot", async ({
  page,
  browser,
  signInAs,
}) => {
  await signInAs("admin");
  await page.getByRole("link", { name: "系统管理" }).click();
  await page.getByRole("link", { name: "新建用户" }).click();
  await page.getByLabel("用户名（登录用）").fill("clerk-e2e");
  await page.getByLabel("姓名").fill("钱多多");
  await page.getByLabel("所属科室").selectOption({ label: "社会事务办公室" });
  await page.getByLabel("起草人").check();
  await page.getByLabel("初始密码").fill("clerk-pass-1");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByText("已创建用户 clerk-e2e（钱多多）")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "clerk-e2e" });
  await expect(row).toContainText("社会事务办公室");
  await expect(row).toContainText("起草人");

  // The new user signs in, in a browser of their own.
  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await signIn(clerk, "clerk-e2e", "clerk-pass-1");
  await expect(clerk.getByTestId("user-roles")).toHaveText("起草人 · 社会事务办公室");

  // Deactivated: the open session ends, and signing in is refused.
  await row.getByRole("link", { name: "编辑用户 clerk-e2e" }).click();
  await page.getByRole("button", { name: "停用账号" }).click();
  await expect(page.getByText("已停用 clerk-e2e")).toBeVisible();
  await clerk.reload();
  await expect(clerk).toHaveURL(/\/login/);
  await signIn(clerk, "clerk-e2e", "clerk-pass-1");
  await expect(clerk.getByRole("alert")).toContainText("该账号已停用");
  await clerkContext.close();
});

test("the new-user form explains bad input in Chinese", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin/users/new");
  await page.getByLabel("用户名（登录用）").fill("econ");
  await page.getByLabel("姓名").fill("重名的人");
  await page.getByLabel("初始密码").fill("short");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByText("密码至少 8 位")).toBeVisible();
  await expect(page.getByText("请至少选择一个角色")).toBeVisible();
  await page.getByLabel("初始密码").fill("long-enough-1");
  await page.getByLabel("分管领导").check();
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByText("用户名“econ”已被使用，请换一个")).toBeVisible();
});

test("admin resets a password and edits roles", async ({ page, signInAs, browser }) => {
  await signInAs("admin");
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "编辑用户 gov" }).click();
  await page.getByLabel("新密码").fill("reset-pass-99");
  await page.getByRole("button", { name: "重置密码" }).click();
  await expect(page.getByText("已重置 gov 的密码")).toBeVisible();
  await page.getByLabel("分管领导").check();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存用户 gov 的资料")).toBeVisible();

  const context = await browser.newContext();
  const gov = await context.newPage();
  await signIn(gov, "gov", "reset-pass-99");
  await expect(gov.getByTestId("user-roles")).toHaveText("起草人、分管领导 · 综合治理办公室");
  await context.close();

  // Give gov the demo password back: the approval journey signs in as gov.
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "编辑用户 gov" }).click();
  await page.getByLabel("新密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "重置密码" }).click();
  await expect(page.getByText("已重置 gov 的密码")).toBeVisible();
});

test("admin adds and renames a department; one with members cannot be deleted", async ({
  page,
  signInAs,
}) => {
  await signInAs("admin");
  await page.goto("/admin/departments");
  await page.getByLabel("新增科室").fill("退役军人服务站");
  await page.getByRole("button", { name: "新增" }).click();
  await expect(page.getByText("已新增科室“退役军人服务站”")).toBeVisible();

  const input = page.getByLabel("科室名称：退役军人服务站");
  await input.fill("退役军人服务站（新）");
  await page.getByRole("row").filter({ has: input }).getByRole("button", { name: "改名" }).click();
  await expect(page.getByText("已将科室改名为“退役军人服务站（新）”")).toBeVisible();

  await expect(page.getByRole("button", { name: "删除科室 党政办公室" })).toBeDisabled();
  await page.getByRole("button", { name: "删除科室 退役军人服务站（新）" }).click();
  await expect(page.getByText("已删除科室")).toBeVisible();
  await expect(page.getByLabel("科室名称：退役军人服务站（新）")).toHaveCount(0);
});
