import { expect, it } from "vitest";

import { describeEachDialect, userIdOf } from "~db/testing";

import {
  type Attempt,
  getThrottleState,
  MAX_ADDRESS_ATTEMPTS,
  MAX_DEVICE_ATTEMPTS,
  MAX_FAILED_ATTEMPTS,
  recordFailedLogin,
  rememberSignIn,
  THROTTLE_WINDOW_MS,
} from "./login-throttle.server";

const minutes = (n: number) => n * 60_000;
const elsewhere = (username: string, ip = "203.0.113.9"): Attempt => ({
  username,
  ip,
  deviceToken: null,
});

describeEachDialect(
  "sign-in throttling",
  (t) => {
    it("allows attempts until 5 failures, then blocks until the first leaves the window", async () => {
      const start = new Date("2026-11-21T08:00:00.000Z");
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
        const at = new Date(start.getTime() + minutes(i));
        expect((await getThrottleState(elsewhere("econ"), at)).blocked).toBe(false);
        await recordFailedLogin(elsewhere("econ"), at);
      }
      const state = await getThrottleState(
        elsewhere("econ"),
        new Date(start.getTime() + minutes(5)),
      );
      expect(state).toEqual({
        blocked: true,
        retryAt: new Date(start.getTime() + THROTTLE_WINDOW_MS),
      });
      // 15 minutes after the first failure only 4 remain in the window.
      const later = await getThrottleState(
        elsewhere("econ"),
        new Date(start.getTime() + THROTTLE_WINDOW_MS + 1),
      );
      expect(later.blocked).toBe(false);
    });

    it("counts per username, case-insensitively", async () => {
      const now = new Date("2026-11-21T09:00:00.000Z");
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
        await recordFailedLogin(elsewhere(" Secretary "), now);
      }
      expect((await getThrottleState(elsewhere("secretary"), now)).blocked).toBe(true);
      expect((await getThrottleState(elsewhere("leader3"), now)).blocked).toBe(false);
    });

    it("guesses made elsewhere never lock out a browser the person has signed in with", async () => {
      const mayor = await userIdOf(t.db, "mayor");
      const before = new Date("2026-11-21T10:00:00.000Z");
      // The mayor signed in at their desk yesterday: that browser is trusted.
      const desk = await rememberSignIn(
        mayor,
        { username: "mayor", ip: "10.1.1.5", deviceToken: null },
        before,
      );
      const now = new Date(before.getTime() + minutes(60));
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
        await recordFailedLogin(elsewhere("mayor"), now);
      // Someone else is held back…
      expect((await getThrottleState(elsewhere("mayor"), now)).blocked).toBe(true);
      // …the mayor's own browser is not, even from the same office address.
      const own: Attempt = { username: "mayor", ip: "203.0.113.9", deviceToken: desk };
      expect((await getThrottleState(own, now)).blocked).toBe(false);
      // A trusted browser may only mistype so often itself.
      for (let i = 0; i < MAX_DEVICE_ATTEMPTS; i++) await recordFailedLogin(own, now);
      expect((await getThrottleState(own, now)).blocked).toBe(true);
      // A cookie of another person's browser does not vouch for this username.
      const agriDesk = await rememberSignIn(
        await userIdOf(t.db, "agri"),
        { username: "agri", ip: null, deviceToken: null },
        before,
      );
      const borrowed: Attempt = { username: "mayor", ip: "198.51.100.1", deviceToken: agriDesk };
      expect((await getThrottleState(borrowed, now)).blocked).toBe(true);
    });

    it("one address guessing many usernames is held back too", async () => {
      const now = new Date("2026-11-21T12:00:00.000Z");
      for (let i = 0; i < MAX_ADDRESS_ATTEMPTS; i++) {
        await recordFailedLogin(elsewhere(`nobody${i}`, "192.0.2.77"), now);
      }
      expect((await getThrottleState(elsewhere("urban", "192.0.2.77"), now)).blocked).toBe(true);
      expect((await getThrottleState(elsewhere("urban", "192.0.2.78"), now)).blocked).toBe(false);
    });

    it("a successful sign-in resets the count", async () => {
      const now = new Date("2026-11-21T13:00:00.000Z");
      for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++)
        await recordFailedLogin(elsewhere("gov"), now);
      await rememberSignIn(await userIdOf(t.db, "gov"), elsewhere("gov"), now);
      await recordFailedLogin(elsewhere("gov"), now);
      expect((await getThrottleState(elsewhere("gov"), now)).blocked).toBe(false);
    });
  },
  { seed: true },
);
