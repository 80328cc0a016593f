import { readFileSync } from "node:fs";

import type { APIRequestContext } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";

import { today } from "../app/utils/dates";
import { DEMO_PASSWORD, demoSectionPeople } from "../db/seed-demo";
import { SECTION_KIND_LABELS, type SectionKind } from "../templates/section-kinds";
import { expect, expectAccessible, switchTo, test } from "./fixtures";

// 审批单: a plan goes the whole way through the JSON API (a leader's return, the
// mayor's return of one section, the Party committee's 原则通过 at its meeting,
// 印发), then the form page lists every approval and the Word file downloads.
// Year 2047 keeps it apart from the other stories.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const YEAR = 2047;
const TITLE = `示例镇${YEAR}年工作计划`;
const DAY = today();
const SHORT_DAY = `${Number(DAY.slice(5, 7))}月${Number(DAY.slice(8, 10))}日`;
const LEADER_RETURN = "招商目标偏低，请对照县里的任务。";
const MAYOR_RETURN = "经济部分请写明重点项目的投资额。";
const OPINIONS = "民生实事再增加一项。";
const MEETING = `${YEAR}年第1次党委会`;
const DOCUMENT_NUMBER = `示政发〔${DAY.slice(0, 4)}〕47号`;

const PEOPLE = demoSectionPeople();
const NAMES: Record<string, string> = {
  coordinator: "李静",
  econ: "王强",
  agri: "刘洋",
  urban: "陈磊",
  eco: "杨帆",
  social: "赵丽",
  gov: "黄涛",
  leader1: "张建国",
  leader2: "孙立新",
  leader3: "吴志远",
  mayor: "郑海",
  secretary: "马光明",
};

let planId = "";
/** econ's token, to read the record the page is checked against. */
let econToken = "";

/** Editor content with one heading and one paragraph (as docs/api.md's walk-through makes it). */
function content(heading: string, text: string) {
  const run = (value: string) => ({
    type: "text",
    text: value,
    format: 0,
    detail: 0,
    mode: "normal",
    style: "",
    version: 1,
  });
  const block = (type: string, value: string, extra = {}) => ({
    type,
    children: [run(value)],
    direction: null,
    format: "",
    indent: 0,
    version: 1,
    ...extra,
  });
  return {
    root: {
      type: "root",
      children: [block("heading", heading, { tag: "h1" }), block("paragraph", text)],
      direction: null,
      format: "",
      indent: 0,
      version: 1,
    },
  };
}

test("a plan goes the whole way through the API: returns, 统稿, mayor, committee, 印发", async ({
  playwright,
  baseURL,
  request,
}) => {
  // Each person signs in through the form once and makes a token.
  const tokens: Record<string, string> = {};
  const users = new Set([
    "coordinator",
    "mayor",
    "secretary",
    ...Object.values(PEOPLE).flatMap((p) => [p.drafter, p.leader]),
  ]);
  for (const username of users) {
    const session = await playwright.request.newContext({ baseURL });
    const login = await session.post("/login", {
      form: { username, password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    expect(login.status(), `${username} signs in`).toBeLessThan(400);
    const made = await session.post("/api/v1/tokens", { data: { name: "审批单" } });
    expect(made.status(), `${username} makes a token`).toBe(201);
    tokens[username] = (await made.json()).token;
    await session.dispose();
  }
  econToken = tokens.econ!;

  const api = async (who: string, method: string, path: string, data?: object) => {
    const response = await (request as APIRequestContext).fetch(`/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${tokens[who]}` },
      ...(data ? { data } : {}),
    });
    const body = await response.json();
    expect(response.ok(), `${who} ${method} ${path}: ${JSON.stringify(body)}`).toBe(true);
    return body;
  };
  const plan = () => api("coordinator", "GET", `/plans/${planId}`);
  const sectionId = async (kind: string) =>
    (await plan()).sections.find((s: { kind: string }) => s.kind === kind).id as string;
  const write = async (kind: string, text: string) => {
    const id = await sectionId(kind);
    const section = await api(
      PEOPLE[kind as keyof typeof PEOPLE].drafter,
      "GET",
      `/sections/${id}`,
    );
    await api(PEOPLE[kind as keyof typeof PEOPLE].drafter, "PUT", `/sections/${id}/content`, {
      content: content(section.title, text),
      baseVersion: section.version,
    });
  };
  const sectionEvent = async (who: string, kind: string, type: string, reason?: string) => {
    const id = await sectionId(kind);
    const { version } = await api(who, "GET", `/sections/${id}`);
    await api(who, "POST", `/sections/${id}/events`, { type, reason, baseVersion: version });
  };
  const planEvent = async (who: string, type: string, fields: object = {}) => {
    const { version } = await plan();
    return api(who, "POST", `/plans/${planId}/events`, { type, baseVersion: version, ...fields });
  };

  planId = (
    await api("coordinator", "POST", "/plans", { year: YEAR, kind: "工作计划", from: "templates" })
  ).id;
  for (const [kind, people] of Object.entries(PEOPLE)) {
    await write(kind, "全年引进亿元以上项目5个，完成各项目标任务。");
    await sectionEvent(people.drafter, kind, "submit");
  }
  await sectionEvent("leader1", "economy", "return", LEADER_RETURN);
  await write("economy", "全年引进亿元以上项目8个，完成各项目标任务。");
  await sectionEvent("econ", "economy", "submit");
  for (const [kind, people] of Object.entries(PEOPLE)) {
    await sectionEvent(people.leader, kind, "approve");
  }

  await planEvent("coordinator", "startCompiling");
  const texts = await api("coordinator", "GET", `/plans/${planId}/texts`);
  await api("coordinator", "PUT", `/plans/${planId}/texts`, {
    preamble: texts.preamble.replace(/【[^】]*】/g, "全面推进乡村振兴的关键一年"),
    closing: texts.closing,
    deadline: texts.deadline,
    baseVersion: texts.version,
  });
  await planEvent("coordinator", "submitToMayor");
  // The mayor sends the economy section back; its office writes it again.
  await planEvent("mayor", "return", {
    reason: MAYOR_RETURN,
    sections: [await sectionId("economy")],
  });
  await write("economy", "全年引进亿元以上项目8个，总投资12亿元。");
  await sectionEvent("econ", "economy", "submit");
  await sectionEvent("leader1", "economy", "approve");
  await planEvent("coordinator", "startCompiling");
  await planEvent("coordinator", "submitToMayor");
  await planEvent("mayor", "approve");
  await planEvent("secretary", "approveWithAmendments", {
    opinions: OPINIONS,
    meetingDate: DAY,
    meetingNumber: MEETING,
  });
  await planEvent("coordinator", "finalize");
  const published = await planEvent("coordinator", "publish", {
    documentNumber: DOCUMENT_NUMBER,
    date: DAY,
  });
  expect(published.state).toBe("published");
});

test("the approval form lists every approval of the journey, and downloads as Word", async ({
  page,
  signInAs,
  request,
}) => {
  // Any office of the town reads it: here the economy office's drafter.
  await signInAs("econ");
  await page.goto(`/plans/${planId}`);
  await page.getByRole("link", { name: "审批单", exact: true }).click();
  await expect(page.getByRole("heading", { name: "审批单", level: 1 })).toBeVisible();
  const form = page.getByTestId("approval-form");
  await expect(form.locator("caption")).toHaveText("示例镇人民政府发文审批单");
  const row = (label: string) =>
    form
      .locator(":scope > tbody > tr")
      .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
  await expect(row("文件标题")).toContainText(TITLE);
  await expect(row("文号")).toContainText(DOCUMENT_NUMBER);
  await expect(row("拟稿单位")).toContainText("党政办公室");
  await expect(row("拟稿单位")).toContainText("李静");

  // Every leader's approval on the record is a row: as many per section as the record
  // holds (economy twice: before and after the mayor's return), each with its leader.
  const record = await request.get(`/api/v1/plans/${planId}/events?event=approve`, {
    headers: { Authorization: `Bearer ${econToken}` },
  });
  const approvals = (
    (await record.json()).events as { sectionId: string | null; subject: string }[]
  )
    .filter((e) => e.sectionId !== null)
    .map((e) => e.subject);
  expect(approvals).toHaveLength(7);
  const reviews = page.getByRole("table", { name: "章节审核（分管领导）" }).locator("tbody tr");
  await expect(reviews).toHaveCount(approvals.length);
  const texts = (await reviews.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
  for (const [kind, people] of Object.entries(PEOPLE)) {
    const title = SECTION_KIND_LABELS[kind as SectionKind];
    const rows = texts.filter((t) => t.startsWith(`${title} `));
    expect(rows, title).toHaveLength(approvals.filter((subject) => subject === title).length);
    for (const text of rows) {
      expect(text, title).toContain(`${NAMES[people.drafter]!} ${SHORT_DAY}`);
      expect(text, title).toMatch(new RegExp(`${NAMES[people.leader]} ${SHORT_DAY}$`));
    }
  }
  expect(texts.filter((t) => t.startsWith("经济发展 经济发展办公室 王强"))).toHaveLength(2);

  await expect(row("统稿").locator("td")).toHaveText(
    `李静 ${SHORT_DAY} 开始统稿\n李静 ${SHORT_DAY} 开始统稿`,
  );
  const mayor = page.getByRole("table", { name: "镇长审定" }).locator("tbody tr");
  await expect(mayor).toHaveCount(1);
  await expect(mayor).toContainText(`郑海 ${SHORT_DAY}`);
  await expect(mayor).toContainText("同意，提交党委会审议");
  const committee = page.getByRole("table", { name: "党委会审议" }).locator("tbody tr");
  await expect(committee).toHaveCount(1);
  await expect(committee).toContainText(MEETING);
  await expect(committee).toContainText(`原则通过`);
  await expect(committee).toContainText(`马光明 ${SHORT_DAY}`);
  await expect(committee).toContainText(OPINIONS);
  await expect(committee).toContainText(`李静 ${SHORT_DAY}按意见修改完成`);
  const returns = page.getByRole("table", { name: "退回记录" }).locator("tbody tr");
  await expect(returns).toHaveCount(2);
  await expect(returns.nth(0)).toContainText("分管领导审核");
  await expect(returns.nth(0)).toContainText(`张建国 ${SHORT_DAY}`);
  await expect(returns.nth(0)).toContainText(LEADER_RETURN);
  await expect(returns.nth(1)).toContainText("镇长审核");
  await expect(returns.nth(1)).toContainText("经济发展");
  await expect(returns.nth(1)).toContainText(`郑海 ${SHORT_DAY}`);
  await expect(returns.nth(1)).toContainText(MAYOR_RETURN);
  const [year, month, date] = DAY.split("-").map(Number);
  await expect(row("印发")).toContainText(
    `${year}年${month}月${date}日印发（李静 ${SHORT_DAY}办理）`,
  );
  await expectAccessible(page, "审批单");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "下载审批单（Word）" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${TITLE}审批单.docx`);
  const xml = strFromU8(unzipSync(readFileSync(await download.path()))["word/document.xml"]!);
  const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("|");
  for (const name of Object.values(NAMES)) expect(words).toContain(name);
  for (const text of [LEADER_RETURN, MAYOR_RETURN, OPINIONS, MEETING, DOCUMENT_NUMBER]) {
    expect(words).toContain(text);
  }
});

test("another town's coordinator finds neither the form nor its Word file", async ({ page }) => {
  await switchTo(page, "coordinator2");
  const response = await page.goto(`/plans/${planId}/approval`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByText("该年度计划不存在，或不属于您所在的镇。")).toBeVisible();
  await expect(page.getByText(TITLE)).toHaveCount(0);
  const file = await page.request.get(`/plans/${planId}/approval.docx`);
  expect(file.status()).toBe(404);
  expect(await file.text()).toContain("该年度计划不存在，或不属于您所在的镇。");
});
