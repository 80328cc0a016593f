import { expect, it } from "vitest";

import { DEMO_PASSWORD } from "~db/seed-demo";
import { describeEachDialect } from "~db/testing";

import { action, headers } from "./login";

interface ActionData {
  data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  init: { status: number; headers?: Record<string, string> };
}

function post(fields: Record<string, string>, cookie?: string, clientIp = "203.0.113.7") {
  return action({
    request: new Request("http://localhost/login", {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: cookie ? { Cookie: cookie } : {},
    }),
    params: {},
    context: { clientIp },
  });
}

function formErrors(result: unknown): string {
  return ((result as ActionData).data.error?.[""] ?? []).join("");
}

describeEachDialect(
  "sign-in form",
  () => {
    it("a wrong password answers 401 in Chinese and keeps the username, not the password", async () => {
      const result = (await post({ username: "econ", password: "nope" })) as ActionData;
      expect(result.init.status).toBe(401);
      expect(formErrors(result)).toContain("用户名或密码错误");
      expect(result.data.initialValue).toMatchObject({ username: "econ" });
      expect(result.data.initialValue).not.toHaveProperty("password");
    });

    it("missing fields answer 400 with a message per field", async () => {
      const result = (await post({ username: "", password: "" })) as ActionData;
      expect(result.init.status).toBe(400);
      expect(result.data.error).toMatchObject({
        username: ["请输入用户名"],
        password: ["请输入密码"],
      });
    });

    it("the sixth wrong attempt within 15 minutes answers 429 with a time to retry", async () => {
      for (let i = 0; i < 5; i++) {
        const result = (await post({ username: "agri", password: `bad-${i}` })) as ActionData;
        expect(result.init.status).toBe(401);
      }
      const blocked = (await post({ username: "agri", password: DEMO_PASSWORD })) as ActionData;
      expect(blocked.init.status).toBe(429);
      expect(formErrors(blocked)).toMatch(/登录失败次数过多.*请于 \d{2}:\d{2}/);
      const retryAfter = blocked.init.headers?.["Retry-After"];
      expect(Number(retryAfter)).toBeGreaterThan(800);
      // …and the page's answer carries it (the route's headers export).
      const sent = new Headers(
        headers({
          actionHeaders: new Headers({ "Retry-After": retryAfter! }),
          loaderHeaders: new Headers(),
          parentHeaders: new Headers(),
          errorHeaders: undefined,
        }),
      );
      expect(sent.get("Retry-After")).toBe(retryAfter);
    });

    it("five wrong passwords typed by someone else do not keep the mayor out of their own browser", async () => {
      const first = (await post({ username: "mayor", password: DEMO_PASSWORD })) as Response;
      const device = first.headers
        .get("Set-Cookie")!
        .split(/,(?=\s*__)/)
        .find((c) => c.trim().startsWith("__device="))!
        .split(";")[0]!
        .trim();
      expect(device).toMatch(/^__device=/);
      for (let i = 0; i < 5; i++) {
        await post({ username: "mayor", password: `guess-${i}` }, undefined, "198.51.100.23");
      }
      const stranger = (await post({ username: "mayor", password: DEMO_PASSWORD })) as ActionData;
      expect(stranger.init.status).toBe(429);
      const own = (await post({ username: "mayor", password: DEMO_PASSWORD }, device)) as Response;
      expect(own.status).toBe(302);
    });

    it("the right password signs in and follows a safe redirectTo only", async () => {
      const ok = (await post({
        username: "leader1",
        password: DEMO_PASSWORD,
        redirectTo: "/plans",
      })) as Response;
      expect(ok.status).toBe(302);
      expect(ok.headers.get("Location")).toBe("/plans");
      expect(ok.headers.get("Set-Cookie")).toMatch(/^__session=.+HttpOnly/i);

      const evil = (await post({
        username: "leader1",
        password: DEMO_PASSWORD,
        redirectTo: "//evil.example",
      })) as Response;
      expect(evil.headers.get("Location")).toBe("/");
    });
  },
  { seed: true },
);
