import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";

import type { APIRequestContext, Page } from "@playwright/test";

import { E2E_PORT } from "./env";
import { expect, openPlanFromTemplates, selectWords, signIn, test } from "./fixtures";

// Requests that used to crash, stall or get English 500s out of the server;
// writes from other sites; scripts smuggled into text; stopping with a request
// in flight. Every answer must come quickly, in Chinese, and leave the server up.
test.describe.configure({ mode: "serial" });

const APP = `http://localhost:${E2E_PORT}`;
let planUrl = "";

/** Answers within the budget, and the server still answers its health check at once. */
async function quickly(request: APIRequestContext, send: () => Promise<{ status(): number }>) {
  const started = Date.now();
  const response = await send();
  expect(Date.now() - started, "answered quickly").toBeLessThan(2_000);
  const health = Date.now();
  expect((await request.get("/healthz")).status()).toBe(200);
  expect(Date.now() - health, "/healthz still answers at once").toBeLessThan(500);
  return response;
}

test("the coordinator opens the 2038 plan", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  planUrl = await openPlanFromTemplates(page, 2038);
});

test("a 55-byte sign-in with a huge array index is refused at once", async ({ request }) => {
  const response = await quickly(request, () =>
    request.post("/login", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: "username=x&password=y&x[99999999]=1",
    }),
  );
  expect(response.status()).toBe(400);
  expect(await (response as Awaited<ReturnType<APIRequestContext["post"]>>).text()).toContain(
    "序号超出范围",
  );
});

test("bodies that are not forms, or forms too big or too deep, get a Chinese 4xx", async ({
  page,
  request,
}) => {
  await signIn(page, "coordinator");
  const api = page.request;
  const targets = `${planUrl}/targets`;
  const cases: {
    label: string;
    send: () => ReturnType<APIRequestContext["post"]>;
    status: number;
    text: string;
  }[] = [
    {
      label: "targets[100000]",
      send: () =>
        api.post(targets, {
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          data: "baseVersion=1&targets[100000].name=x",
        }),
      status: 400,
      text: "序号超出范围",
    },
    {
      label: "a name nested 10,000 deep",
      send: () =>
        api.post(targets, {
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          data: `a${"[b]".repeat(10_000)}=1`,
        }),
      status: 400,
      text: "层级过深",
    },
    {
      label: "JSON to a page",
      send: () =>
        api.post(targets, { headers: { "Content-Type": "application/json" }, data: "{}" }),
      status: 415,
      text: "页面表单",
    },
    {
      label: "text/plain to a page",
      send: () => api.post(planUrl, { headers: { "Content-Type": "text/plain" }, data: "a=1" }),
      status: 415,
      text: "页面表单",
    },
    {
      label: "a broken multipart body",
      send: () =>
        api.post(planUrl, {
          headers: { "Content-Type": "multipart/form-data; boundary=zzz" },
          data: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1',
        }),
      status: 400,
      text: "格式有误",
    },
    {
      label: "a body without a content type",
      send: () => api.post(planUrl, { headers: { "Content-Type": "" }, data: Buffer.from("a=1") }),
      status: 415,
      text: "页面表单",
    },
    {
      label: "JSON nested 10,000 deep to the autosave",
      send: () =>
        api.post(`/sections/x/content`, {
          headers: { "Content-Type": "application/json" },
          data: "[".repeat(10_000) + "]".repeat(10_000),
        }),
      status: 400,
      text: "层级过深",
    },
    {
      label: "a NUL byte in a form field",
      send: () =>
        api.post(planUrl, {
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          data: "intent=add-section&title=%E7%A4%BA%00",
        }),
      status: 422,
      text: "控制字符",
    },
    {
      label: "a NUL in a JSON text field",
      send: () =>
        api.post("/api/v1/tokens", {
          headers: { "Content-Type": "application/json" },
          data: '{"name":"a\\u0000b"}',
        }),
      status: 422,
      text: "控制字符",
    },
  ];
  for (const { label, send, status, text } of cases) {
    const response = await quickly(request, send);
    expect(response.status(), label).toBe(status);
    const body = await (response as Awaited<ReturnType<APIRequestContext["post"]>>).text();
    expect(body, label).toContain(text);
    expect(body, label).not.toMatch(/Unexpected Server Error|Bad Request/);
  }
});

test("the API always answers JSON: bad encoding, HEAD, OPTIONS, an unknown export", async ({
  request,
  page,
}) => {
  const badEncoding = await request.get("/api/v1/plans/%E0%A4%A");
  expect(badEncoding.status()).toBe(400);
  expect((await badEncoding.json()).error.message).toContain("无法识别的编码");
  const options = await request.fetch("/api/v1/plans", { method: "OPTIONS" });
  expect(options.headers()["allow"]).toContain("GET");
  expect(await options.json()).toEqual({ methods: ["GET", "POST"] });
  const head = await request.head("/api/v1/plans");
  expect(head.status()).toBe(401);
  expect(head.headers()["content-type"]).toContain("application/json");
  // The page's download answers a Chinese page, not framework text.
  await signIn(page, "econ");
  const missing = await page.request.get("/plans/no-such-plan/export.docx");
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain("该年度计划不存在");
  // Security headers on API answers too.
  expect(badEncoding.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(badEncoding.headers()["x-content-type-options"]).toBe("nosniff");
});

/** A page on another origin that tries to write to the app with the visitor's cookies. */
function attackerPage(sectionId: string) {
  return `<!doctype html><html><body><iframe name="sink"></iframe>
<form id="out" method="post" action="${APP}/logout" target="sink"></form>
<script>
(async () => {
  const opts = (body) => ({ method: "POST", mode: "no-cors", credentials: "include",
    headers: { "Content-Type": "text/plain" }, body });
  await fetch("${APP}/api/v1/tokens", opts('{"name":"evil"}')).catch(() => {});
  await fetch("${APP}/sections/${sectionId}/content",
    opts('{"content":"{}","baseVersion":1}')).catch(() => {});
  document.getElementById("out").submit();
  setTimeout(() => { document.title = "done"; }, 1500);
})();
</script></body></html>`;
}

async function serve(port: number, html: string) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return server;
}

test("pages on another origin, or on this site at another port, cannot write as the visitor", async ({
  page,
  signInAs,
  db,
}) => {
  const planId = planUrl.split("/").pop()!;
  const economy = await db
    .selectFrom("sections")
    .select(["id", "version", "content"])
    .where("planId", "=", planId)
    .where("kind", "=", "economy")
    .executeTakeFirstOrThrow();
  await signInAs("econ");
  const attackers = [
    { name: "another origin", url: `http://127.0.0.1:${E2E_PORT + 91}/`, port: E2E_PORT + 91 },
    {
      name: "same site, other port",
      url: `http://localhost:${E2E_PORT + 92}/`,
      port: E2E_PORT + 92,
    },
  ];
  for (const attacker of attackers) {
    const server = await serve(attacker.port, attackerPage(economy.id));
    try {
      await page.goto(attacker.url);
      await expect(page).toHaveTitle("done", { timeout: 10_000 });
    } finally {
      server.close();
    }
    // Still signed in, no token made, the section as it was.
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "账号设置" }), attacker.name).toBeVisible();
    await expect(page.getByText("evil"), attacker.name).toHaveCount(0);
    const after = await db
      .selectFrom("sections")
      .select(["version", "content"])
      .where("id", "=", economy.id)
      .executeTakeFirstOrThrow();
    expect(after, attacker.name).toEqual({ version: economy.version, content: economy.content });
  }
});

const PAYLOADS = [
  `<img src=x onerror="alert('xss-img')">`,
  `"><script>alert('xss-script')</script>`,
  `javascript:alert('xss-url')`,
  `<svg onload=alert('xss-svg')>`,
];

async function noDialogs(page: Page) {
  const seen: string[] = [];
  page.on("dialog", (dialog) => {
    seen.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

test("scripts typed into any text field are shown as text on every page, never run", async ({
  page,
  signInAs,
}) => {
  const dialogs = await noDialogs(page);
  const payload = (i: number) => PAYLOADS[i % PAYLOADS.length]!;

  await signInAs("admin");
  await page.goto("/admin/departments");
  // Department names are short (30 characters at most).
  const department = `科<svg onload=alert(1)>`;
  await page.getByLabel("新增科室").fill(department);
  await page.getByRole("button", { name: "新增", exact: true }).click();
  await expect(page.getByRole("textbox", { name: `科室名称：${department}` })).toHaveValue(
    department,
  );

  await page.getByRole("button", { name: "退出登录" }).click();
  await signIn(page, "coordinator");
  await page.goto(planUrl);
  await page.getByText("添加章节").click();
  await page.getByLabel("章节名称").fill(`专项${payload(1)}`);
  await page.getByRole("button", { name: "添加", exact: true }).click();
  await expect(page.getByRole("link", { name: `专项${payload(1)}`, exact: true })).toBeVisible();
  await page.getByRole("link", { name: "编辑", exact: true }).click();
  const preamble = page.getByRole("textbox", { name: "形势与总体要求" });
  await preamble.fill(`${await preamble.inputValue()}\n${payload(2)}`);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText(payload(2))).toBeVisible();
  await page.goto("/account");
  await page.getByLabel("令牌名称").fill(`脚本${payload(3)}`);
  await page.getByRole("button", { name: "创建令牌" }).click();
  await expect(page.getByText(`脚本${payload(3)}`).first()).toBeVisible();

  await page.getByRole("button", { name: "退出登录" }).click();
  await signIn(page, "leader1");
  await page.goto(planUrl);
  await page.getByRole("link", { name: "经济发展", exact: true }).click();
  await selectWords(page, "重点项目");
  await page.getByRole("button", { name: "对选中文字提意见" }).click();
  await page.getByLabel("意见", { exact: true }).fill(`意见${payload(0)}`);
  await page.getByRole("button", { name: "发表意见" }).click();
  await expect(page.getByTestId("comment-thread")).toContainText(`意见${payload(0)}`);

  // Every page that shows them, as each role sees it.
  for (const path of [
    "/",
    "/plans",
    planUrl,
    `${planUrl}/events`,
    `${planUrl}/preview`,
    "/account",
  ]) {
    await page.goto(path);
    await expect(page.locator("body")).not.toBeEmpty();
  }
  await page.getByRole("button", { name: "退出登录" }).click();
  await signIn(page, "admin");
  for (const path of ["/admin/users", "/admin/departments"]) await page.goto(path);
  expect(dialogs).toEqual([]);
});

/** A second server of our own, to be stopped while a request is in flight. */
test("SIGTERM lets a request in flight finish, then every process exits", async () => {
  test.setTimeout(90_000);
  const port = E2E_PORT + 95;
  const database = "./data/e2e-shutdown.db";
  fs.rmSync(database, { force: true });
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${database}`,
      PORT: String(port),
      WEB_CONCURRENCY: "2",
      SESSION_SECRET: "e2e-shutdown",
      SHUTDOWN_SECONDS: "10",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
  try {
    await expect
      .poll(
        () =>
          fetch(`http://localhost:${port}/healthz`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);

    // A sign-in whose body is still arriving when the stop comes.
    const body = "username=coordinator&password=demo1234";
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.write(
      `POST /login HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.write(body.slice(10));
    await expect.poll(() => answer, { timeout: 15_000 }).toMatch(/^HTTP\/1\.1 302/);
    expect(await exited).toBe(0);
  } finally {
    server.kill("SIGKILL");
    fs.rmSync(database, { force: true });
  }
});
