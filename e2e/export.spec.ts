import { unzipSync, strFromU8 } from "fflate";
import { readFileSync } from "node:fs";

import { expect, openPlanFromTemplates, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let planUrl = "";

test("a draft exports as 征求意见稿 and the export is on the record", async ({
  page,
  signInAs,
}) => {
  await signInAs("coordinator");
  planUrl = await openPlanFromTemplates(page, 2030);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 Word（征求意见稿）" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("示例镇2030年工作计划（征求意见稿）.docx");
  const files = unzipSync(readFileSync(await download.path()));
  const documentXml = strFromU8(files["word/document.xml"]!);
  expect(documentXml).toContain("示例镇2030年工作计划");
  expect(documentXml).toContain("（征求意见稿）");

  await page.reload();
  const record = page.getByTestId("export-record");
  await expect(record.getByRole("row")).toHaveCount(2);
  await expect(record).toContainText("李静");
  await expect(record).toContainText("征求意见稿");
});

test("the export record lists the latest 20 and says so", async ({ page, signInAs, db }) => {
  const planId = planUrl.split("/").pop()!;
  const first = await db
    .selectFrom("planExports")
    .selectAll()
    .where("planId", "=", planId)
    .executeTakeFirstOrThrow();
  // 20 earlier exports by the same person, one a day, arranged directly.
  await db
    .insertInto("planExports")
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        ...first,
        id: `e2e-export-${i}`,
        createdAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
      })),
    )
    .execute();
  await signInAs("mayor");
  await page.goto(planUrl);
  const record = page.getByTestId("export-record");
  await expect(record.getByRole("row")).toHaveCount(21);
  await expect(page.getByText("只列出最近 20 次导出。")).toBeVisible();
  await expect(record.getByRole("row").nth(1)).toContainText(
    new Date(first.createdAt).getFullYear().toString(),
  );
});

test("the print preview shows the title and every section heading in order", async ({
  page,
  signInAs,
}) => {
  await signInAs("econ");
  await page.goto(planUrl);
  await page.getByRole("link", { name: "打印预览" }).click();
  const preview = page.getByTestId("print-preview");
  await expect(preview.locator(".pv-page").first().locator(".pv-title")).toHaveText(
    "示例镇2030年工作计划",
  );
  await expect(preview.locator(".pv-page").first().locator(".pv-draftMarker")).toHaveText(
    "（征求意见稿）",
  );
  // Level-1 headings continue their numbers across the six sections.
  const headings = await preview
    .locator(".pv-page")
    .first()
    .locator(".pv-heading1")
    .allTextContents();
  expect(headings.map((h) => h.slice(0, 2))).toEqual([
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
  ]);
  expect(headings[0]).toContain("项目招引");
  // A4 pages with their numbers on the outer side.
  const pages = preview.locator(".pv-page");
  expect(await pages.count()).toBeGreaterThan(2);
  await expect(pages.nth(1).locator(".pv-page-number")).toHaveText("— 2 —");
});
