import { expect, it } from "vitest";

import { DEMO_PASSWORD } from "~db/seed-demo";
import { describeEachDialect, townIdOf, userIdOf } from "~db/testing";

import { getOptionalUser } from "~/utils/auth.server";
import { createSession } from "~/utils/session.server";

import { createToken, userByToken } from "./api-token.server";
import { getThrottleState, MAX_FAILED_ATTEMPTS, recordFailedLogin } from "./login-throttle.server";
import {
  createUser,
  getUser,
  isUsernameTaken,
  setPassword,
  setUserActive,
  verifyLogin,
} from "./user.server";

describeEachDialect(
  "users",
  (t) => {
    it("signs in demo users with the demo password only", async () => {
      expect(await verifyLogin("coordinator", DEMO_PASSWORD)).toMatchObject({ ok: true });
      expect(await verifyLogin(" Coordinator ", DEMO_PASSWORD)).toMatchObject({ ok: true });
      expect(await verifyLogin("coordinator", "wrong-password")).toEqual({
        ok: false,
        reason: "invalid",
      });
      expect(await verifyLogin("nobody", DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    });

    it("creates a user who can sign in with the given roles", async () => {
      const town = await townIdOf(t.db, "示例镇");
      const id = await createUser(town, {
        username: "NewClerk",
        password: "clerk-pass-1",
        displayName: "新科员",
        title: null,
        departmentId: null,
        roles: ["drafter", "leader"],
      });
      expect(await isUsernameTaken("newclerk")).toBe(true);
      expect(await getUser(town, id)).toMatchObject({
        username: "newclerk",
        roles: ["drafter", "leader"],
        isActive: true,
      });
      expect(await verifyLogin("newclerk", "clerk-pass-1")).toEqual({ ok: true, userId: id });
    });

    it("a deactivated user cannot sign in and their sessions end", async () => {
      const town = await townIdOf(t.db, "示例镇");
      const id = await userIdOf(t.db, "urban");
      const setCookie = await createSession(new Request("http://localhost/"), id);
      // Each call is a new request from the same browser.
      const request = () =>
        new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]! } });
      expect(await getOptionalUser(request())).not.toBeNull();

      expect(await setUserActive(town, id, false)).toBe(true);
      expect(await getOptionalUser(request())).toBeNull();
      expect(await verifyLogin("urban", DEMO_PASSWORD)).toEqual({ ok: false, reason: "inactive" });

      await setUserActive(town, id, true);
      expect(await verifyLogin("urban", DEMO_PASSWORD)).toMatchObject({ ok: true });
    });

    it("a password reset takes effect at once, ends old sessions and stops the API tokens", async () => {
      const town = await townIdOf(t.db, "示例镇");
      const id = await userIdOf(t.db, "eco");
      const setCookie = await createSession(new Request("http://localhost/"), id);
      const { token } = await createToken(id, "脚本");
      expect(await userByToken(token)).not.toBeNull();
      await setPassword(town, id, "brand-new-pass", { revokeTokens: true });
      expect(await userByToken(token)).toBeNull();
      expect(await verifyLogin("eco", DEMO_PASSWORD)).toMatchObject({ ok: false });
      expect(await verifyLogin("eco", "brand-new-pass")).toMatchObject({ ok: true });
      const request = new Request("http://localhost/", {
        headers: { Cookie: setCookie.split(";")[0]! },
      });
      expect(await getOptionalUser(request)).toBeNull();
    });

    it("a password reset lifts a sign-in lock on the username", async () => {
      const town = await townIdOf(t.db, "示例镇");
      const attempt = { username: "social", ip: null, deviceToken: null };
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await recordFailedLogin(attempt);
      expect((await getThrottleState(attempt)).blocked).toBe(true);
      await setPassword(town, await userIdOf(t.db, "social"), "fresh-pass-1", {
        revokeTokens: false,
      });
      expect((await getThrottleState(attempt)).blocked).toBe(false);
    });
  },
  { seed: true },
);
