import { expect, it } from "vitest";

import { DEMO_PASSWORD } from "~db/seed-demo";
import { describeEachDialect } from "~db/testing";

import { action } from "./login";

interface ActionData {
  data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  init: { status: number; headers?: Record<string, string> };
}

function post(fields: Record<string, string>) {
  return action({
    request: new Request("http://localhost/login", {
      method: "POST",
      body: new URLSearchParams(fields),
    }),
    params: {},
    context: {},
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
      expect(Number(blocked.init.headers?.["Retry-After"])).toBeGreaterThan(800);
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
