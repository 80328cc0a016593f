import { expect, signIn, test } from "./fixtures";

// What each demo account must see in the top bar after signing in.
const ROLES = [
  { username: "admin", roles: "系统管理员", admin: true },
  { username: "coordinator", roles: "党政办 · 党政办公室", admin: false },
  { username: "econ", roles: "起草人 · 经济发展办公室", admin: false },
  { username: "agri", roles: "起草人 · 农业农村办公室", admin: false },
  { username: "leader1", roles: "分管领导", admin: false },
  { username: "mayor", roles: "镇长", admin: false },
  { username: "secretary", roles: "党委书记", admin: false },
  { username: "coordinator2", roles: "党政办 · 党政办公室", admin: false },
];

for (const account of ROLES) {
  test(`${account.username} signs in and sees the navigation of their role`, async ({
    page,
    signInAs,
  }) => {
    await signInAs(account.username);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "工作台" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "年度计划" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "系统管理" })).toHaveCount(account.admin ? 1 : 0);
    await expect(page.getByTestId("user-roles")).toHaveText(account.roles);
    await expect(
      page.getByText(account.username === "coordinator2" ? "另一镇" : "示例镇").first(),
    ).toBeVisible();
  });
}

test("every page but /login asks for a session, and returns there after sign-in", async ({
  page,
}) => {
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fplans$/);
  await page.getByLabel("用户名").fill("coordinator");
  await page.getByLabel("密码").fill("demo1234");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await expect(page.getByRole("heading", { name: "年度计划", exact: true })).toBeVisible();
});

test("a wrong password shows a Chinese error and keeps the username", async ({ page }) => {
  await signIn(page, "leader2", "not-the-password");
  await expect(page.getByRole("alert")).toContainText("用户名或密码错误");
  await expect(page.getByLabel("用户名")).toHaveValue("leader2");
  await expect(page.getByLabel("密码")).toHaveValue("");
});

test("empty fields are named in Chinese before anything is sent", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("请输入用户名")).toBeVisible();
  await expect(page.getByText("请输入密码")).toBeVisible();
});

test("signing out ends the session: the back button shows no data", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  await page.goto("/account");
  await expect(page.getByText("李静").first()).toBeVisible();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("李静")).toHaveCount(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a user without the admin role gets a Chinese 403 page for 系统管理", async ({
  page,
  signInAs,
}) => {
  await signInAs("mayor");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "没有权限" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
});

test("an unknown address gets a Chinese 404 page inside the app", async ({ page, signInAs }) => {
  await signInAs("econ");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

test("the sixth wrong password within 15 minutes is refused with 429", async ({ request }) => {
  const attempt = () =>
    request.post("/login", {
      form: { username: "nobody-e2e", password: "wrong" },
      maxRedirects: 0,
    });
  for (let i = 0; i < 5; i++) expect((await attempt()).status()).toBe(401);
  const sixth = await attempt();
  expect(sixth.status()).toBe(429);
  expect(await sixth.text()).toContain("登录失败次数过多");
});
