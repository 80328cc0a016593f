import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect, test } from "./fixtures";

test("a token made on the profile page works as its user until it is revoked", async ({
  page,
  signInAs,
}) => {
  await signInAs("econ");
  await page.goto("/account");
  await page.getByLabel("令牌名称").fill("县档案同步");
  await page.getByRole("button", { name: "创建令牌" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toContainText("离开本页后将不再显示");
  const token = (await shown.locator("code").textContent())!.trim();
  expect(token).toMatch(/^ap_/);

  const me = await page.request.get("/api/v1/me", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ username: "econ", roles: ["drafter"] });

  const row = page.getByRole("row", { name: /县档案同步/ });
  await expect(row).toContainText("从未使用");
  await row.getByRole("button", { name: "撤销令牌 县档案同步" }).click();
  await expect(page.getByRole("row", { name: /县档案同步/ })).toHaveCount(0);
  const after = await page.request.get("/api/v1/me", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthenticated");
});

test("an unknown API address answers JSON, not the HTML 404 page", async ({ request }) => {
  const response = await request.get("/api/v1/nothing-here");
  expect(response.status()).toBe(404);
  expect((await response.json()).error.message).toContain("/api/v1/openapi.json");
});

test("the curl walk-through in docs/api.md works as written", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const doc = readFileSync("docs/api.md", "utf8");
  const walkthrough = doc.slice(doc.indexOf("## Walk-through"));
  const script = /```sh\n([\s\S]*?)\n```/.exec(walkthrough)![1]!;
  const output = execFileSync("bash", ["-euo", "pipefail", "-c", script], {
    cwd: mkdtempSync(join(tmpdir(), "walkthrough-")),
    env: { ...process.env, BASE: baseURL, YEAR: "2034" },
    encoding: "utf8",
    timeout: 110_000,
  });
  const lines = output.trim().split("\n");
  expect(lines[0]).toBe('["drafter"]');
  expect(lines).toContain("published");
  expect(lines).toContain("招商目标偏低。");
  expect(lines.at(-1)).toMatch(/plan-2034\.docx$/);
});
