import { newId, nowIso } from "../db/time";

import { expect, test } from "./fixtures";

test("coordinator2 cannot open a plan of 示例镇 by its address", async ({ page, signInAs, db }) => {
  // Plans are created through the UI in the drafting issue; arrange one directly.
  const town = await db
    .selectFrom("towns")
    .select("id")
    .where("name", "=", "示例镇")
    .executeTakeFirstOrThrow();
  const id = newId();
  await db
    .insertInto("plans")
    .values({
      id,
      townId: town.id,
      year: 2031,
      kind: "工作计划",
      title: "示例镇2031年工作计划",
      state: "drafting",
      documentNumber: null,
      publishedOn: null,
      deadline: null,
      createdBy: null,
      createdAt: nowIso(),
      updatedAt: nowIso(),
    })
    .execute();

  await signInAs("coordinator");
  await page.goto(`/plans/${id}`);
  await expect(page.getByRole("heading", { name: "示例镇2031年工作计划" })).toBeVisible();
  await page.getByRole("button", { name: "退出登录" }).click();

  await signInAs("coordinator2");
  await expect(page.getByText("示例镇2031年工作计划")).toHaveCount(0);
  const response = await page.goto(`/plans/${id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByText("示例镇2031年工作计划")).toHaveCount(0);
});
