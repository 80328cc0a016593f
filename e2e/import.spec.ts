import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";

import { expect, expectAccessible, test } from "./fixtures";

// A town brings last year's Word file in: preview, one kind changed, confirm.

async function wordFile(): Promise<Buffer> {
  const plain = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const document = new Document({
    sections: [
      {
        children: [
          plain("示例镇2045年工作计划"),
          plain("2045年全镇工作的总体要求是：稳中求进，奋力争先。"),
          plain("主要预期目标是：地区生产总值增长6%以上，一般公共预算收入增长5%。"),
          new Paragraph({ text: "一、做强产业经济", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: "抓好招商引资", heading: HeadingLevel.HEADING_2 }),
          plain("全年引进过亿元项目5个以上。"),
          new Paragraph({ text: "二、推进乡村振兴", heading: HeadingLevel.HEADING_1 }),
          plain("发展特色种植，壮大村集体经济。"),
          new Paragraph({ text: "三、做好其他工作", heading: HeadingLevel.HEADING_1 }),
          plain("按照上级部署做好各项工作。"),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

test("the coordinator imports a Word file, changes a section's kind, and opens the plan", async ({
  page,
  signInAs,
}) => {
  await signInAs("coordinator");
  await page.goto("/plans");
  await page.getByRole("link", { name: "导入已有计划" }).click();
  await expect(page.getByRole("heading", { name: "导入已有计划", level: 1 })).toBeVisible();

  // Not a plan file: refused in words, nothing stored.
  await page.getByLabel("文件（.docx 或 .txt，不超过 10 MB）").setInputFiles({
    name: "照片.png",
    mimeType: "image/png",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  });
  await page.getByRole("button", { name: "识别" }).click();
  await expect(page.getByTestId("import-error")).toHaveText(
    "只能导入 .docx 或 .txt 文件，也可以直接粘贴正文。",
  );

  await page.getByLabel("文件（.docx 或 .txt，不超过 10 MB）").setInputFiles({
    name: "2045年工作计划.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: await wordFile(),
  });
  await page.getByRole("button", { name: "识别" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("识别出 3 个章节、2 项主要预期目标");
  await expect(page.getByLabel("第 1 项指标")).toHaveValue("地区生产总值增长");
  await expectAccessible(page, "导入预览");

  // Targets can be corrected, or left out.
  await page.getByLabel("第 2 项的目标值").fill("5.5");
  await page.getByLabel("导入“地区生产总值增长”").uncheck();
  // One section goes to another leader than its kind's.
  await page.getByLabel("“推进乡村振兴”的分管领导").selectOption({ label: "张建国（副镇长）" });
  const third = page.getByLabel("“做好其他工作”的类型");
  await expect(third).toHaveValue("custom");
  await third.selectOption("governance");
  await expect(preview.getByLabel("年度")).toHaveValue("2045");
  await page.getByRole("button", { name: "确认导入" }).click();

  await expect(page.getByRole("heading", { name: "示例镇2045年工作计划", level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "已导入2045年工作计划" })).toBeVisible();
  // The chosen kind brought its office and leader.
  const row = page
    .getByRole("region", { name: /^章节（/ })
    .getByRole("row")
    .filter({ hasText: "做好其他工作" });
  await expect(row).toContainText("综合治理办公室");
  await expect(
    page
      .getByRole("region", { name: /^章节（/ })
      .getByRole("row")
      .filter({ hasText: "推进乡村振兴" }),
  ).toContainText("张建国");
  await page.goto(`${new URL(page.url()).pathname}/targets`);
  await expect(page.getByRole("textbox", { name: /指标名称/ })).toHaveCount(1);
  await expect(page.getByLabel("第 1 项指标名称")).toHaveValue("一般公共预算收入增长");
  await expect(page.getByLabel("第 1 项目标值")).toHaveValue("5.5");
  await page.goBack();
  await page.getByRole("link", { name: "做强产业经济", exact: true }).click();
  const editor = page.locator(".editor-root");
  // The part's heading is the section's first-level heading (一、), its sub-heading the second (（一）).
  const heading = editor.getByRole("heading", { level: 2, name: "做强产业经济" });
  await expect(heading).toBeVisible();
  await expect(editor.getByRole("heading", { level: 3, name: "抓好招商引资" })).toBeVisible();
  const shown = await heading.evaluate((element) => getComputedStyle(element, "::before").content);
  expect(shown).toContain("counter(");
});
