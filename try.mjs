import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
const base = "http://localhost:3200";
async function signIn(u) {
  await page.context().clearCookies();
  await page.goto(base + "/login");
  await page.fill("input[name=username]", u);
  await page.fill("input[name=password]", "demo1234");
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click("button[type=submit]")]);
}
await signIn("coordinator");
await page.goto(base + "/plans");
await page.screenshot({ path: "/tmp/s0.png" });
const btn = page.getByRole("button", { name: /建立|创建/ }).first();
await btn.click();
await page.waitForURL(/\/plans\/[^/]+$/);
const planUrl = page.url();
await page.screenshot({ path: "/tmp/s1.png", fullPage: true });
await page.getByRole("link", { name: "经济发展" }).first().click().catch(()=>{});
await page.waitForTimeout(1500);
await page.screenshot({ path: "/tmp/s2.png" });
console.log(planUrl, page.url());
await browser.close();
