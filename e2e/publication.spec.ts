import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

import { strFromU8, unzipSync } from "fflate";

import { findOnPath } from "../app/export/pdf.server";
import { today } from "../app/utils/dates";
import { expect, fillDate, openPlanFromTemplates, signIn, switchTo, test } from "./fixtures";

// 印发 as a town issues a document (GB/T 9704): the administrator names the
// 抄送 list once; the coordinator issues the plan 文件式 under a joint red
// head; the Word file and the PDF carry the mark, the 文号 and the 版记.
const libreOffice = findOnPath(["soffice", "libreoffice"]);
const pdftotext = findOnPath(["pdftotext"]);

test.afterAll(async ({ db }) => {
  await db.updateTable("towns").set({ publishing: null }).execute();
});

test("a plan issued 文件式 downloads as Word and PDF with its red head and 版记", async ({
  page,
  db,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  await page.goto("/admin/export");
  const settings = page.getByRole("region", { name: "发文机关与版记" });
  await settings.getByLabel("抄送机关（版记）").fill("县委办公室、县政府办公室");
  await settings.getByLabel("印发机关（版记）").fill("");
  await settings.getByRole("button", { name: "保存发文设置" }).click();
  // A required name left empty is refused in Chinese, and nothing is saved.
  await expect(settings.getByText("请填写印发机关")).toBeVisible();
  await settings.getByLabel("印发机关（版记）").fill("示例镇党政办公室");
  await settings.getByRole("button", { name: "保存发文设置" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "已保存发文机关和版记设置" }),
  ).toBeVisible();

  await switchTo(page, "coordinator");
  const planUrl = await openPlanFromTemplates(page, 2040);
  const planId = planUrl.split("/").pop()!;
  // Approved (the way there is approval.spec.ts's business); 印发 is this test's.
  await db.updateTable("plans").set({ state: "approved" }).where("id", "=", planId).execute();
  await page.reload();

  const day = today();
  const documentNumber = `示政发〔${day.slice(0, 4)}〕12号`;
  await page.getByRole("button", { name: "印发" }).click();
  const dialog = page.getByRole("dialog", { name: "印发" });
  await dialog.getByLabel("文号（必填）").fill(documentNumber);
  await fillDate(dialog, /印发日期/, day);
  await dialog.getByRole("radio", { name: "文件式（红头文件）" }).check();
  await dialog.getByLabel("发文机关").selectOption("joint");
  // The dialog shows the head and the signature as they will print.
  const preview = dialog.getByTestId("publish-preview");
  await expect(preview.locator(".publish-mark")).toHaveText("中共示例镇委员会 示例镇人民政府 文件");
  await expect(preview.locator(".publish-number")).toHaveText(documentNumber);
  await expect(preview.locator(".publish-signature")).toHaveText([
    "中共示例镇委员会",
    "示例镇人民政府",
  ]);
  await dialog.getByRole("button", { name: "确认印发" }).click();
  await expect(page.locator(".page-header .badge")).toHaveText("已印发");

  // The print preview shows the red head and the 版记 as the Word file has them.
  await page.goto(`${planUrl}/preview`);
  const printed = page.getByTestId("print-preview");
  // Every page lays out the whole text and shows its own part: the head on the first, the 版记 on the last.
  await expect(printed.getByText(documentNumber, { exact: true }).first()).toBeVisible();
  await expect(printed.getByText("抄送：县委办公室，县政府办公室。").last()).toBeVisible();
  await page.goto(planUrl);

  const [word] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 Word", exact: true }).click(),
  ]);
  const xml = strFromU8(unzipSync(readFileSync(await word.path()))["word/document.xml"]!);
  const text = (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? [])
    .map((t) => t.replace(/<[^>]+>/g, ""))
    .join("|");
  for (const expected of [
    "中共示例镇委员会|示例镇人民政府|文件",
    documentNumber,
    "抄送：县委办公室，县政府办公室。",
    `示例镇党政办公室|${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8))}日印发`,
  ]) {
    expect(text).toContain(expected);
  }
  expect(xml).toContain('<w:color w:val="FF0000"/>');

  if (!libreOffice) {
    await expect(page.getByRole("link", { name: "导出 PDF" })).toHaveCount(0);
    return;
  }
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 PDF" }).click(),
  ]);
  const pdfText = execFileSync(pdftotext!, ["-layout", await pdf.path(), "-"], {
    encoding: "utf8",
  }).replace(/\s+/g, "");
  for (const expected of [
    "中共示例镇委员会",
    "文件",
    documentNumber,
    "示例镇2040年工作计划",
    "抄送：县委办公室，县政府办公室。",
  ]) {
    expect(pdfText).toContain(expected);
  }
});

test("a table's caption is chosen as a style, numbered by its place and printed above its table", async ({
  page,
}) => {
  await signIn(page, "coordinator");
  const planUrl = await openPlanFromTemplates(page, 2041);
  await switchTo(page, "econ");
  await page.goto(planUrl);
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  const editor = page.getByRole("textbox", { name: "章节正文" });
  // A new line after the section's last paragraph.
  const last = editor.locator(".ed-p").last();
  await last.click();
  await last.evaluate((paragraph) => {
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    range.collapse(false);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  });
  await page.keyboard.press("Enter");
  await page.getByLabel("段落样式").selectOption("caption");
  // A number typed by habit is dropped: the caption is numbered from its place.
  await page.keyboard.type("表5 重点项目安排");
  const caption = editor.locator(".ed-table-caption");
  await expect(caption).toHaveText("重点项目安排");
  await expect(caption).toHaveAttribute("data-number", "表1　");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "插入表格" }).click();
  await expect(editor.locator("table")).toHaveCount(1);
  await expect(page.getByText(/^已保存 \d/)).toBeVisible();

  await page.goto(`${planUrl}/preview`);
  const printed = page.getByTestId("print-preview");
  await expect(printed.getByText("表1　重点项目安排", { exact: true }).first()).toBeVisible();
});
