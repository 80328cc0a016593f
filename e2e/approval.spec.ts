import type { Page } from "@playwright/test";

import { addDays, today } from "../app/utils/dates";
import { demoSectionPeople } from "../db/seed-demo";
import { SECTION_KIND_LABELS, SECTION_KINDS } from "../templates/section-kinds";
import {
  expect,
  expectAccessible,
  fillDate,
  openPlanFromTemplates,
  pasteIntoEditor,
  switchTo,
  test,
} from "./fixtures";

// The whole journey across roles, in order: drafting → leaders → 统稿 → mayor
// → Party committee → amendments → publication. Year 2028 keeps it apart
// from the drafting story (2027).
test.describe.configure({ mode: "serial", timeout: 90_000 });

let planUrl = "";

// The six sections in plan order, with the demo town's drafter and leader of each.
const SECTIONS = SECTION_KINDS.map((kind) => ({
  title: SECTION_KIND_LABELS[kind],
  ...demoSectionPeople()[kind],
}));

async function openSection(page: Page, title: string) {
  await page.goto(planUrl);
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { name: title, exact: true, level: 1 })).toBeVisible();
}

const stateBadge = (page: Page) => page.locator(".page-header .badge");

/** The row of this plan's `title` in the person's 待办 (other plans may wait there too). */
const todoRow = (page: Page, title: string) =>
  page
    .getByTestId("todo-list")
    .getByRole("row")
    .filter({ hasText: "示例镇2028年工作计划" })
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });

/** Replaces the whole text of the open section (a heading, a paragraph) and sends it to review. */
async function writeAndSubmit(page: Page, heading: string, text: string) {
  const editor = page.getByRole("textbox", { name: "章节正文" });
  await expect(editor).not.toHaveAttribute("aria-readonly", "true");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(heading);
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
  // No waiting for autosave: 提交审核 itself waits until the text is saved.
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核。")).toBeVisible();
  await expect(stateBadge(page)).toHaveText("待分管领导审核");
}

async function planStep(page: Page, button: string, stateLabel: string) {
  await page.goto(planUrl);
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page.locator(".page-header .badge")).toHaveText(stateLabel);
}

test("the coordinator opens the 2028 plan", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  planUrl = await openPlanFromTemplates(page, 2028);
  // Nothing can be compiled yet, and the button says why.
  await expect(page.getByRole("button", { name: "开始统稿" })).toBeDisabled();
  await expect(page.getByText("还有 6 个章节未通过分管领导审核")).toBeVisible();
  await expect(page.getByTestId("approved-count")).toHaveText("已通过 0/6");
});

test("a section with template placeholders cannot be submitted yet", async ({ page, signInAs }) => {
  await signInAs("econ");
  await openSection(page, "经济发展");
  await expect(page.getByRole("button", { name: "提交审核" })).toBeDisabled();
  await expect(page.getByText(/还有 \d+ 处【】待填写，填写完毕后才能提交审核/)).toBeVisible();
});

test("each office writes its section and submits it to its leader", async ({ page }) => {
  for (const section of SECTIONS) {
    await switchTo(page, section.drafter);
    // The section waits in the drafter's 待办.
    await expect(todoRow(page, section.title)).toBeVisible();
    await openSection(page, section.title);
    await writeAndSubmit(
      page,
      `抓好${section.title}工作`,
      "全年引进亿元以上项目5个，完成各项目标任务。",
    );
  }
});

test("agri sees no 通过 on economy, and a forged approval is refused with 403", async ({
  page,
  signInAs,
  db,
}) => {
  await signInAs("agri");
  await openSection(page, "经济发展");
  await expect(page.getByRole("button", { name: "通过", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "退回修改" })).toHaveCount(0);
  const { version } = await db
    .selectFrom("sections")
    .innerJoin("plans", "plans.id", "sections.planId")
    .select("sections.version")
    .where("plans.year", "=", 2028)
    .where("sections.kind", "=", "economy")
    .executeTakeFirstOrThrow();
  const response = await page.request.post(page.url(), {
    form: { intent: "event", type: "approve", baseVersion: String(version) },
  });
  expect(response.status()).toBe(403);
  await page.reload();
  await expect(stateBadge(page)).toHaveText("待分管领导审核");
});

test("leader1 comments on words of economy and returns it with a reason", async ({
  page,
  signInAs,
}) => {
  await signInAs("leader1");
  await todoRow(page, "经济发展").getByRole("link", { name: "经济发展" }).click();
  await expect(
    page.getByRole("heading", { name: "经济发展", exact: true, level: 1 }),
  ).toBeVisible();
  // The leader may change the text itself; the page says the changes stay visible.
  await expect(page.getByTestId("reviewer-note")).toContainText("您的修改将以修订痕迹保留");
  await expect(page.getByRole("textbox", { name: "章节正文" })).not.toHaveAttribute(
    "aria-readonly",
    "true",
  );

  await expectAccessible(page, "章节审核（分管领导）");

  // Keyboard only, from the top of the page: the skip link, into the text, select words, comment.
  const editor = page.getByRole("textbox", { name: "章节正文" });
  await page.reload();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "跳到正文" })).toBeFocused();
  await page.keyboard.press("Enter");
  for (let i = 0; i < 30 && !(await editor.evaluate((e) => e === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(editor).toBeFocused();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown"); // the paragraph under the heading
  await page.keyboard.press("Home");
  for (let i = 0; i < "全年引进".length; i++) await page.keyboard.press("ArrowRight");
  for (let i = 0; i < "亿元以上项目5个".length; i++) await page.keyboard.press("Shift+ArrowRight");
  await expect(page.getByText("已选中：“亿元以上项目5个”")).toBeVisible();
  await page.keyboard.press("Control+Alt+M");
  const comment = page.getByLabel("意见", { exact: true });
  await expect(comment).toBeFocused();
  await expectAccessible(page, "章节审核（填写意见）");
  await page.keyboard.type("项目数偏少，请对照县里下达的招商任务。");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "发表意见" })).toBeFocused();
  await page.keyboard.press("Enter");
  const thread = page.getByTestId("comment-thread");
  await expect(thread).toContainText("项目数偏少");
  await expect(page.locator(".editor-root .comment-mark")).toHaveText("亿元以上项目5个");
  await expect(editor).toBeFocused();

  await page.getByRole("button", { name: "退回修改" }).click();
  const dialog = page.getByRole("dialog", { name: "退回修改" });
  // The reason is required: an empty one never leaves the dialog, and it says so in Chinese.
  await dialog.getByRole("button", { name: "确认退回" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(".field-error")).toHaveText("请填写退回理由");
  await expect(dialog.getByLabel("退回理由（必填）")).toBeFocused();
  await expectAccessible(page, "退回修改对话框（未填理由）");
  await dialog.getByLabel("退回理由（必填）").fill("招商目标偏低，请按意见修改后再报。");
  await dialog.getByRole("button", { name: "确认退回" }).click();
  // Focus goes to the result: the message saying what happened.
  await expect(page.getByRole("status").filter({ hasText: "已退回修改。" })).toBeFocused();
  await expect(stateBadge(page)).toHaveText("已退回修改");
});

test("econ sees the reason and the comment, answers, fixes and resubmits", async ({
  page,
  signInAs,
}) => {
  await signInAs("econ");
  const todo = todoRow(page, "经济发展");
  await expect(todo).toContainText("已退回，待修改后重新提交");
  await todo.getByRole("link", { name: "经济发展" }).click();
  await expect(page.getByTestId("returned-note")).toContainText("张建国");
  await expect(page.getByTestId("returned-note")).toContainText(
    "招商目标偏低，请按意见修改后再报。",
  );
  const thread = page.getByTestId("comment-thread");
  await expect(thread).toContainText("项目数偏少");
  await expect(page.locator(".editor-root .comment-mark")).toHaveText("亿元以上项目5个");
  await thread.getByPlaceholder("回复…").fill("已调整为8个。");
  await thread.getByRole("button", { name: "回复" }).click();
  await expect(thread).toContainText("已调整为8个。");

  const editor = page.getByRole("textbox", { name: "章节正文" });
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("另新增签约项目8个。");
  // A sub-heading, a table and a list, pasted from the office's Word file.
  await page.keyboard.press("Enter");
  await pasteIntoEditor(
    page,
    "<h2>重点项目</h2><table><tr><th>项目类别</th><th>个数</th></tr>" +
      "<tr><td>工业项目</td><td>5</td></tr></table><ul><li>做好项目储备</li><li>加快签约落地</li></ul>",
    "重点项目\n项目类别\t个数\n工业项目\t5\n做好项目储备\n加快签约落地",
  );
  await expect(editor.locator("table")).toBeVisible();
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核。")).toBeVisible();
  // The highlight was a view only: the saved text carries no comment marks.
  await expect(page.locator(".editor-root")).toContainText("另新增签约项目8个。");
});

test("leader1 sees the changes since the return and approves", async ({ page, signInAs, db }) => {
  const economy = await db
    .selectFrom("sections")
    .innerJoin("plans", "plans.id", "sections.planId")
    .select("sections.content")
    .where("plans.year", "=", 2028)
    .where("sections.kind", "=", "economy")
    .executeTakeFirstOrThrow();
  expect(economy.content).not.toContain('"mark"');

  await signInAs("leader1");
  await openSection(page, "经济发展");
  const since = page.getByTestId("since-return");
  await expect(since).toContainText("自上次退回以来的修改");
  await expect(since.getByRole("insertion").first()).toHaveText("另新增签约项目8个。");
  // What was added is marked inside the document's own structure: a heading, a table, a list.
  await expect(since.getByRole("heading", { name: "（一）重点项目" })).toBeVisible();
  await expect(
    since
      .getByRole("table")
      .getByRole("cell")
      .getByRole("insertion")
      .filter({ hasText: "工业项目" }),
  ).toBeVisible();
  await expect(since.getByRole("insertion").filter({ hasText: "一是做好项目储备" })).toBeVisible();
  await page.getByRole("button", { name: "通过", exact: true }).click();
  await expect(page.getByText("已通过。")).toBeVisible();
  await expect(stateBadge(page)).toHaveText("已通过");
});

test("the leaders approve the other five sections", async ({ page }) => {
  for (const section of SECTIONS.slice(1)) {
    await switchTo(page, section.leader);
    await openSection(page, section.title);
    await page.getByRole("button", { name: "通过", exact: true }).click();
    await expect(stateBadge(page)).toHaveText("已通过");
  }
});

test("the plan goes through 统稿, the mayor and the Party committee to publication", async ({
  page,
}) => {
  await switchTo(page, "coordinator");
  await page.goto(planUrl);
  await expect(page.getByTestId("approved-count")).toHaveText("已通过 6/6");
  await planStep(page, "开始统稿", "统稿中");
  await expectAccessible(page, "计划·统稿中");
  // The template's 【】 in 形势与总体要求 hold the plan back until 党政办 fills them.
  await expect(page.getByRole("button", { name: "提交镇长审核" })).toBeDisabled();
  await expect(page.getByTestId("workflow-actions")).toContainText("还有 3 处【】待填写");
  await page.getByRole("link", { name: "编辑", exact: true }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const preamble = page.getByRole("textbox", { name: "形势与总体要求" });
  // The 【】 are marked here as in the editor, counted, and reachable one by one.
  await expect(page.locator(".placeholder-backdrop mark").first()).toBeVisible();
  await expect(page.getByText("还有 3 处待填写")).toBeVisible();
  await page.getByRole("button", { name: "跳到下一处" }).click();
  await expect(preamble).toBeFocused();
  expect(
    await preamble.evaluate((area: HTMLTextAreaElement) =>
      area.value.slice(area.selectionStart, area.selectionEnd),
    ),
  ).toMatch(/^【[^】]*】$/);
  await expectAccessible(page, "计划设置");
  const fills = ["全面推进乡村振兴的关键一年", "建设宜居宜业和美乡镇", "产业强镇、生态立镇"];
  await preamble.fill((await preamble.inputValue()).replace(/【[^】]*】/g, () => fills.shift()!));
  await expect(page.getByText("没有待填写的占位内容").first()).toBeVisible();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("text-placeholders")).toHaveCount(0);
  await expect(page.getByText("聚焦产业强镇、生态立镇")).toBeVisible();
  await planStep(page, "提交镇长审核", "镇长审核中");

  await switchTo(page, "mayor");
  await expect(
    page.getByTestId("todo-list").getByRole("link", { name: "示例镇2028年工作计划" }),
  ).toBeVisible();
  await expectAccessible(page, "计划·镇长审核");
  await planStep(page, "提交党委会审议", "党委会审议中");

  await switchTo(page, "secretary");
  // The copy sent to the committee, archived as it prints: numbered headings, a real table.
  await page.goto(`${planUrl}/events`);
  await page.getByRole("link", { name: /党委会审议稿/ }).click();
  const archived = page.getByTestId("document");
  await expect(archived.getByRole("heading", { level: 3 }).first()).toHaveText(/^一、/);
  await expect(archived.getByRole("heading", { name: "一、抓好经济发展工作" })).toBeVisible();
  await expect(archived.getByRole("heading", { name: "（一）重点项目" })).toBeVisible();
  const table = archived.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "项目类别" })).toBeVisible();
  await expect(table.getByRole("cell", { name: "工业项目" })).toBeVisible();
  await expect(archived.getByText("一是做好项目储备")).toBeVisible();
  await expect(archived).not.toContainText("项目类别 | 个数");
  await expectAccessible(page, "存档稿·党委会审议稿");

  await page.goto(planUrl);
  await page.getByRole("button", { name: "原则通过（按意见修改）" }).click();
  const decision = page.getByRole("dialog", { name: "原则通过（按意见修改）" });
  // A meeting tomorrow is refused inside the open dialog; nothing typed is lost.
  const tomorrow = addDays(today(), 1);
  await fillDate(decision, /会议日期/, tomorrow);
  await decision.getByLabel("会议届次").fill("2026年第12次党委会");
  await decision.getByLabel("党委会审议意见").fill("一、压减一般性表述。\n二、补充重点项目清单。");
  await decision.getByRole("button", { name: "确认" }).click();
  await expect(decision).toBeVisible();
  await expect(decision.getByRole("alert")).toContainText("会议日期不能晚于今天");
  await expect(decision.getByLabel("会议届次")).toHaveValue("2026年第12次党委会");
  await expect(decision.getByLabel("党委会审议意见")).toHaveValue(
    "一、压减一般性表述。\n二、补充重点项目清单。",
  );
  await expect(decision.getByRole("group", { name: /会议日期/ }).getByLabel("日")).toHaveValue(
    String(Number(tomorrow.slice(8))),
  );
  await expectAccessible(page, "原则通过对话框（会议日期有误）");
  await fillDate(decision, /会议日期/, "2026-11-20");
  await decision.getByRole("button", { name: "确认" }).click();
  await expect(page.locator(".page-header .badge")).toHaveText("按意见修改中");

  // The committee's opinions stay in view for 党政办 until 完成修改, line by line.
  await switchTo(page, "coordinator");
  await expect(todoRow(page, "示例镇2028年工作计划")).toContainText(
    "党委会审议意见：一、压减一般性表述。",
  );
  await page.goto(planUrl);
  const opinions = page.getByTestId("opinions");
  await expect(opinions).toContainText("二、补充重点项目清单。");
  expect(await opinions.locator(".keep-lines").innerText()).toContain("表述。\n二、");
  await planStep(page, "完成修改", "已审定");
  await expect(page.getByTestId("opinions")).toHaveCount(0);

  // 印发: a 文号 not in the official shape is refused with the expected form.
  const day = today();
  const year = day.slice(0, 4);
  await page.getByRole("button", { name: "印发" }).click();
  const dialog = page.getByRole("dialog", { name: "印发" });
  await expect(dialog).toContainText("本操作不能撤销");
  await dialog.getByLabel("文号（必填）").fill(`示政发[${year}]1号`);
  await fillDate(dialog, /印发日期/, day);
  await expect(dialog.getByTestId("publish-preview")).toContainText(`示政发[${year}]1号`);
  await expect(dialog.getByTestId("publish-preview")).toContainText("示例镇人民政府");
  await dialog.getByRole("button", { name: "确认印发" }).click();
  // Refused in the open dialog, in Chinese; what was typed stays.
  await expect(dialog.locator(".field-error")).toContainText("六角括号");
  await expectAccessible(page, "印发对话框（文号有误）");
  await expect(dialog.getByRole("group", { name: /印发日期/ }).getByLabel("年")).toHaveValue(year);
  await expect(page.locator(".page-header .badge")).toHaveText("已审定");

  await dialog.getByLabel("文号（必填）").fill(`示政发〔${year}〕1号`);
  await dialog.getByRole("button", { name: "确认印发" }).click();
  await expect(page.locator(".page-header .badge")).toHaveText("已印发");
  await expect(page.getByText(`示政发〔${year}〕1号（${day}印发）`)).toBeVisible();
  await expect(page.getByTestId("workflow-actions")).toHaveCount(0);
  await expectAccessible(page, "计划·已印发");

  // Now the final document: no 征求意见稿 in the name, the 文号 in the text.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 Word", exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("示例镇2028年工作计划.docx");
});

test("the audit trail keeps every step, filterable by section", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  await page.goto(`${planUrl}/events`);
  const rows = page.getByTestId("event-list").getByRole("row");
  // 6 submits + 1 return + 1 resubmit + 6 approvals + 6 plan steps, plus the header.
  await expect(rows).toHaveCount(21);
  await page.getByLabel("章节").selectOption({ label: "经济发展" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(rows).toHaveCount(5);
  await page.getByLabel("操作").selectOption({ label: "退回修改" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("张建国");
  await expect(rows.nth(1)).toContainText("招商目标偏低，请按意见修改后再报。");
  await expect(rows.nth(1)).toContainText("分管领导退回稿 第1次");

  // The 存档稿 holds the text exactly as it was returned.
  await rows.nth(1).getByRole("link", { name: "分管领导退回稿 第1次" }).click();
  await expect(page.getByRole("heading", { name: "经济发展·分管领导退回稿 第1次" })).toBeVisible();
  await expect(page.getByText("全年引进亿元以上项目5个，完成各项目标任务。")).toBeVisible();
  await expect(page.getByText("另新增签约项目8个。")).toHaveCount(0);

  // The Party committee's decision carries its meeting.
  await page.goto(`${planUrl}/events?event=approveWithAmendments`);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("党委会：2026年第12次党委会，2026-11-20");
});

test("a long record is shown 200 at a time, newest first, keeping the filter", async ({
  page,
  signInAs,
  db,
}) => {
  // 205 reminders, one a minute, arranged directly: pressing 催办 205 times proves nothing more.
  const planId = planUrl.split("/").pop()!;
  const section = await db
    .selectFrom("sections")
    .select(["id", "townId", "title", "state"])
    .where("planId", "=", planId)
    .where("kind", "=", "economy")
    .executeTakeFirstOrThrow();
  const coordinator = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", "coordinator")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("workflowEvents")
    .values(
      Array.from({ length: 205 }, (_, i) => ({
        id: `e2e-remind-${i}`,
        townId: section.townId,
        planId,
        sectionId: section.id,
        subject: section.title,
        actorId: coordinator.id,
        event: "remind",
        fromState: section.state,
        toState: section.state,
        reason: null,
        details: null,
        snapshotId: null,
        createdAt: new Date(Date.UTC(2027, 11, 1, 0, i)).toISOString(),
      })),
    )
    .execute();

  await signInAs("mayor");
  await page.goto(`${planUrl}/events?event=remind`);
  const rows = page.getByTestId("event-list").getByRole("row");
  const pager = page.getByRole("navigation", { name: "翻页" });
  await expect(rows).toHaveCount(201);
  await expect(pager).toContainText("第 1 页（每页 200 条");
  await page.getByRole("link", { name: "较早的记录 →" }).click();
  await expect(page).toHaveURL(/event=remind&page=2/);
  await expect(rows).toHaveCount(6);
  await expect(pager).toContainText("第 2 页（每页 200 条");
  await expect(rows.nth(5)).toContainText("2027年12月1日 08:00"); // the oldest, last
  await page.getByRole("link", { name: "← 较新的记录" }).click();
  await expect(rows).toHaveCount(201);

  // The coordinator's 已办 shows the latest 30 of those and says where the rest are.
  await page.getByRole("button", { name: "退出登录" }).click();
  await signInAs("coordinator");
  await page.getByRole("link", { name: "已办（30+）" }).click();
  await expect(page.getByTestId("record-list").getByRole("row")).toHaveCount(31);
  await expect(
    page.getByText("只列出最近 30 项；更早的办理经过见各计划的“审核记录”。"),
  ).toBeVisible();
});
