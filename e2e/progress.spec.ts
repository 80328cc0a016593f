import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

import { strFromU8, unzipSync } from "fflate";

import { today } from "../app/utils/dates";

import {
  expect,
  expectAccessible,
  openPlanFromTemplates,
  signIn,
  switchTo,
  test,
} from "./fixtures";

// The plan through the year: the economy office reports its targets' figures
// by quarter, leader1 confirms them, and the plan page rates each target
// against the time elapsed (时间过半、任务过半), with its chart.
// Last year's plan: every quarter has begun and is due, whatever day the suite runs.
const YEAR = Number(today().slice(0, 4)) - 1;
const TITLE = `示例镇${YEAR}年工作计划`;

test("econ reports Q1 and Q2, leader1 confirms, the plan page shows 欠进度 with its chart; the half-year report carries the figures", async ({
  page,
  db,
}) => {
  test.setTimeout(60_000);
  await signIn(page, "coordinator");
  const planUrl = await openPlanFromTemplates(page, YEAR);
  const planId = planUrl.split("/").pop()!;
  // Targets and 印发 are other tests' business: two targets of the economy office, published.
  const econ = await db
    .selectFrom("users")
    .select("departmentId")
    .where("username", "=", "econ")
    .executeTakeFirstOrThrow();
  await db.deleteFrom("targets").where("planId", "=", planId).execute();
  await db
    .insertInto("targets")
    .values([
      {
        id: randomUUID(),
        planId,
        position: 1,
        name: "引进过亿元项目",
        value: "5",
        unit: "个",
        qualifier: null,
        baseline: null,
        departmentId: econ.departmentId,
      },
      {
        id: randomUUID(),
        planId,
        position: 2,
        name: "地区生产总值增长",
        value: "6",
        unit: "%",
        qualifier: "以上",
        baseline: null,
        departmentId: econ.departmentId,
      },
    ])
    .execute();
  await db.updateTable("plans").set({ state: "published" }).where("id", "=", planId).execute();

  await switchTo(page, "econ");
  // The figures not reported after their due day wait in econ's 待办.
  const late = page
    .getByTestId("todo-list")
    .getByRole("row")
    .filter({ hasText: TITLE })
    .filter({ hasText: `地区生产总值增长（${YEAR}年第一季度）` });
  await expect(late).toContainText("进度逾期未报送");
  await page.goto(`${planUrl}/progress`);
  await expect(page.getByRole("heading", { name: "目标进度", level: 1 })).toBeVisible();
  const projects = page.getByRole("region", { name: "引进过亿元项目5个" });
  const report = async (quarter: string, actual: string, note: string) => {
    await projects.getByLabel(`引进过亿元项目${YEAR}年${quarter}完成数（个）`).fill(actual);
    await projects.getByLabel(`引进过亿元项目${YEAR}年${quarter}说明`).fill(note);
    await projects
      .getByRole("row", { name: new RegExp(`${YEAR}年${quarter}`) })
      .getByRole("button", { name: "报送" })
      .click();
    await expect(
      page.getByRole("status").filter({ hasText: `已报送${YEAR}年${quarter}的进度` }),
    ).toBeVisible();
  };
  // A figure that is not a number is refused in Chinese, nothing stored.
  await projects.getByLabel(`引进过亿元项目${YEAR}年第一季度完成数（个）`).fill("一个");
  await projects
    .getByRole("row", { name: new RegExp(`${YEAR}年第一季度`) })
    .getByRole("button", { name: "报送" })
    .click();
  await expect(projects.getByRole("alert")).toHaveText("完成数应为数字，如 3 或 6.5（不带单位）");
  await report("第一季度", "1", "签约1个");
  await report("第二季度", "2", "新签约1个");
  await expect(projects.getByRole("row", { name: /第二季度/ })).toContainText("待分管领导确认");
  // Econ cannot confirm its own figures.
  await expect(projects.getByRole("button", { name: /^确认/ })).toHaveCount(0);

  await switchTo(page, "leader1");
  const waiting = page
    .getByTestId("todo-list")
    .getByRole("row")
    .filter({ hasText: `引进过亿元项目（${YEAR}年第二季度）` });
  await expect(waiting).toContainText("待确认进度");
  await waiting.getByRole("link").first().click();
  for (const quarter of ["第一季度", "第二季度"]) {
    await projects.getByRole("button", { name: `确认引进过亿元项目${YEAR}年${quarter}` }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `已确认${YEAR}年${quarter}的进度` }),
    ).toBeVisible();
  }
  await expect(projects.getByRole("row", { name: /第二季度/ })).toContainText("已确认");
  await expectAccessible(page, "目标进度");
  // 总览 and its Excel file: a column pair per quarter.
  const overview = page.getByTestId("progress-overview");
  await expect(overview.getByRole("row").filter({ hasText: "引进过亿元项目" })).toContainText(
    "1个欠进度2个欠进度40%",
  );
  const [sheet] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 Excel" }).click(),
  ]);
  expect(sheet.suggestedFilename()).toBe(`${TITLE}目标进度.xlsx`);
  const files = unzipSync(readFileSync(await sheet.path()));
  const strings = strFromU8(files["xl/sharedStrings.xml"]!);
  for (const text of ["引进过亿元项目", "二季度进度", "欠进度", "经济发展办公室"]) {
    expect(strings).toContain(text);
  }

  // The plan page: 2 of 5 by mid-year is behind, with the year so far drawn.
  await page.goto(planUrl);
  const panel = page.getByTestId("target-progress");
  const item = panel.getByRole("listitem").filter({ hasText: "引进过亿元项目5个" });
  await expect(item.locator(".badge")).toHaveText("欠进度");
  await expect(item).toContainText(`截至${YEAR}年第二季度完成2个，占全年目标40%，时间进度50%`);
  await expect(item.getByRole("img", { name: /引进过亿元项目：.*欠进度/ })).toBeVisible();
  await expect(item.locator("circle.actual")).toHaveCount(2);
  const growth = panel.getByRole("listitem").filter({ hasText: "地区生产总值增长6%以上" });
  await expect(growth).toContainText("尚无报送数字");
  await expectAccessible(page, "计划页面·目标进度");

  // Mid-year: the coordinator opens the half-year report, drafted from the plan.
  await switchTo(page, "coordinator");
  await page.goto(planUrl);
  await page.getByRole("button", { name: "起草上半年工作总结及下半年工作安排" }).click();
  await expect(
    page.getByRole("heading", { name: `示例镇${YEAR}年上半年工作总结及下半年工作安排`, level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "已起草上半年工作总结" })).toBeVisible();
  const figures = page.getByTestId("report-figures");
  await expect(figures.getByRole("columnheader", { name: "截至6月底" })).toBeVisible();
  const projectRow = figures.getByRole("row").filter({ hasText: "引进过亿元项目" });
  await expect(projectRow.getByRole("cell")).toHaveText([
    "引进过亿元项目",
    "5个",
    "2个",
    "40%",
    "欠进度",
  ]);
  await expect(figures.getByRole("row").filter({ hasText: "地区生产总值增长" })).toContainText(
    "未报送",
  );
  // Figures entered later are taken in on request; nothing new here, so the table stays.
  await page.getByRole("button", { name: "按最新报送更新" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "已按各科室最新报送的数字更新" }),
  ).toBeVisible();
  await expect(projectRow.getByRole("cell").nth(2)).toHaveText("2个");
  // Its sections go to the same offices, drafted from the plan for them to rewrite.
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "章节正文" })).toContainText(
    `主要指标：引进过亿元项目：全年目标5个，截至6月底完成2个，占全年目标40%，欠进度；地区生产总值增长：全年目标6%以上，尚无报送数字。`,
  );
  // The plan page links to it from now on.
  await page.goto(planUrl);
  await expect(
    page.getByRole("link", { name: "打开上半年工作总结及下半年工作安排" }),
  ).toBeVisible();

  // 催办 of a late figure reaches the office's 待办.
  await page.goto(`${planUrl}/progress`);
  await page.getByRole("button", { name: `催办地区生产总值增长${YEAR}年第一季度` }).click();
  await expect(page.getByRole("status").filter({ hasText: "已催办" })).toBeVisible();
  await switchTo(page, "econ");
  await expect(late.locator(".badge").filter({ hasText: "李静催办" })).toBeVisible();
});

// The demo town's plan for this year is issued (scripts/seed.ts): 党政办 picks
// one more of the sections' commitments to follow, corrects a wrong figure
// first, and drops it again while it has no figures.
test("the coordinator tracks a section's commitment after 印发, then untracks it", async ({
  page,
}) => {
  const thisYear = Number(today().slice(0, 4));
  await signIn(page, "coordinator");
  await page.goto("/plans");
  await page.getByRole("link", { name: `示例镇${thisYear}年工作计划` }).click();
  await page.getByRole("link", { name: "报送和确认进度" }).click();
  await expect(page.getByRole("heading", { name: "跟踪的重点任务", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: /^引进过亿元项目5个以上/ })).toContainText(
    "重点任务，出自",
  );

  const panel = page.getByRole("region", { name: "选择跟踪的重点任务" });
  // Those tracked already are marked; another is chosen from the ecology section.
  const tracked = panel.getByRole("listitem").filter({ hasText: "引进过亿元项目5个以上" });
  await expect(tracked).toContainText("已跟踪");
  await panel.getByRole("link", { name: "填入：创建森林村居6个" }).click();
  await expect(panel.getByLabel("任务名称")).toHaveValue("创建森林村居");
  await expect(panel.getByLabel("所在章节")).toHaveValue(/.+/);
  await expect(panel).toContainText("原文：完成植树造林800亩，新建口袋公园3处，创建森林村居6个。");
  await panel.getByLabel("全年目标").fill("六");
  await panel.getByRole("button", { name: "开始跟踪" }).click();
  await expect(panel.getByText("目标值应为数字，如 6 或 3.2")).toBeVisible();
  await panel.getByLabel("全年目标").fill("6");
  await panel.getByRole("button", { name: "开始跟踪" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "已开始跟踪“创建森林村居”" }),
  ).toBeVisible();

  const forests = page.getByRole("region", { name: "创建森林村居6个" });
  await expect(forests).toContainText("责任科室：生态环境办公室");
  await expectAccessible(page, "目标进度·跟踪重点任务");
  // The ecology office now reports on it; the published text is untouched (see the export tests).
  await forests.getByRole("button", { name: "取消跟踪" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "已取消跟踪“创建森林村居”" }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "创建森林村居6个" })).toHaveCount(0);

  // An office reports but does not choose.
  await switchTo(page, "econ");
  await page.goto("/plans");
  await page.getByRole("link", { name: `示例镇${thisYear}年工作计划` }).click();
  await page.getByRole("link", { name: "报送和确认进度" }).click();
  await expect(page.getByRole("heading", { name: "跟踪的重点任务", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "选择跟踪的重点任务" })).toHaveCount(0);
});
