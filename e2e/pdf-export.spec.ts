import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

import type { Download } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";

import { findOnPath } from "../app/export/pdf.server";
import { today } from "../app/utils/dates";
import { expect, fillDate, openPlanFromTemplates, test } from "./fixtures";

// 导出 PDF: the published plan as LibreOffice prints its Word file. The server
// runs with this machine's PATH; without LibreOffice (allowed, except in CI)
// the test checks what a town without it sees instead: no button, and a 503.
const libreOffice = findOnPath(["soffice", "libreoffice"]);
const pdftotext = findOnPath(["pdftotext"]);
const TITLE = "示例镇2039年工作计划";

test("the published plan downloads as Word and as PDF; a draft or an approved plan has no PDF", async ({
  page,
  signInAs,
  db,
}) => {
  test.setTimeout(120_000);
  if (process.env.CI) expect(libreOffice, "CI 中必须安装 LibreOffice").not.toBeNull();
  await signInAs("coordinator");
  const planUrl = await openPlanFromTemplates(page, 2039);
  const planId = planUrl.split("/").pop()!;
  const pdfAddress = `/plans/${planId}/export.pdf`;
  const pdfButton = page.getByRole("link", { name: "导出 PDF" });

  // A draft has no PDF: no button, and the address refuses in Chinese.
  await expect(page.getByRole("link", { name: "导出 Word（征求意见稿）" })).toBeVisible();
  await expect(pdfButton).toHaveCount(0);
  const draft = await page.request.get(pdfAddress);
  expect(draft.status()).toBe(libreOffice ? 409 : 503);
  expect(await draft.text()).toContain(libreOffice ? "PDF 只为已印发的计划生成" : "LibreOffice");

  // Approved (the way there is approval.spec.ts's business) is final, but not issued yet.
  await db.updateTable("plans").set({ state: "approved" }).where("id", "=", planId).execute();
  await page.reload();
  await expect(page.getByRole("link", { name: "导出 Word", exact: true })).toBeVisible();
  await expect(pdfButton).toHaveCount(0);

  // 印发.
  const day = today();
  const documentNumber = `示政发〔${day.slice(0, 4)}〕9号`;
  await page.getByRole("button", { name: "印发" }).click();
  const dialog = page.getByRole("dialog", { name: "印发" });
  await dialog.getByLabel("文号（必填）").fill(documentNumber);
  await fillDate(dialog, /印发日期/, day);
  await dialog.getByRole("button", { name: "确认印发" }).click();
  await expect(page.locator(".page-header .badge")).toHaveText("已印发");

  // The Word file, as before.
  const [word] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 Word", exact: true }).click(),
  ]);
  expect(word.suggestedFilename()).toBe(`${TITLE}.docx`);
  const documentXml = strFromU8(unzipSync(readFileSync(await word.path()))["word/document.xml"]!);
  expect(documentXml).toContain(TITLE);
  expect(documentXml).toContain(documentNumber);

  if (!libreOffice) {
    await expect(pdfButton).toHaveCount(0);
    const refused = await page.request.get(pdfAddress);
    expect(refused.status()).toBe(503);
    expect(await refused.text()).toContain(
      "服务器未安装 LibreOffice，无法生成 PDF；请下载 Word 文件。",
    );
    return;
  }
  if (!pdftotext) throw new Error("读取 PDF 文字需要 pdftotext：apt-get install poppler-utils");

  // The PDF: a double click starts one download (and one export on the record).
  const downloads: Download[] = [];
  page.on("download", (download) => downloads.push(download));
  // The answer is held until the button has been seen saying that it is working.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${pdfAddress}`, async (route) => {
    await held;
    await route.continue();
  });
  const downloaded = page.waitForEvent("download");
  await pdfButton.dblclick();
  await expect(page.getByRole("link", { name: "正在生成 PDF…" })).toBeVisible();
  release();
  const pdf = await downloaded;
  await expect(pdfButton).toBeVisible();
  expect(pdf.suggestedFilename()).toBe(`${TITLE}.pdf`);
  const path = await pdf.path();
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const text = execFileSync(pdftotext, ["-layout", path, "-"], { encoding: "utf8" });
  expect(text.replace(/\s+/g, "")).toContain(TITLE);
  expect(text.replace(/\s+/g, "")).toContain(documentNumber);

  // The second download is the same file, from the cache (LibreOffice would date a new one).
  const again = await page.request.get(pdfAddress);
  expect(again.status()).toBe(200);
  expect(again.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await again.body()).equals(bytes)).toBe(true);
  expect(downloads).toHaveLength(1);

  // On the record: the Word file and the two PDF downloads, each with its own hash.
  await page.reload();
  const record = page.getByTestId("export-record");
  const pdfRows = record.getByRole("row").filter({ hasText: "正式稿（PDF）" });
  await expect(pdfRows).toHaveCount(2);
  await expect(pdfRows.first().locator("code")).toHaveAttribute(
    "title",
    createHash("sha256").update(bytes).digest("hex"),
  );
  const wordRows = record.getByRole("row").filter({ hasText: "正式稿" });
  await expect(wordRows.filter({ hasNotText: "（PDF）" })).toHaveCount(1);
});
