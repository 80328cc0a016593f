import { expect, it } from "vitest";

import { describeEachDialect } from "~db/testing";

import {
  clearFailedLogins,
  getThrottleState,
  MAX_FAILED_ATTEMPTS,
  recordFailedLogin,
  THROTTLE_WINDOW_MS,
} from "./login-throttle.server";

const minutes = (n: number) => n * 60_000;

describeEachDialect("login throttling", () => {
  it("allows attempts until 5 failures, then blocks until the first leaves the window", async () => {
    const start = new Date("2026-11-21T08:00:00.000Z");
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      expect((await getThrottleState("econ", new Date(start.getTime() + minutes(i)))).blocked).toBe(
        false,
      );
      await recordFailedLogin("econ", "10.0.0.1", new Date(start.getTime() + minutes(i)));
    }
    const state = await getThrottleState("econ", new Date(start.getTime() + minutes(5)));
    expect(state).toEqual({
      blocked: true,
      retryAt: new Date(start.getTime() + THROTTLE_WINDOW_MS),
    });
    // 15 minutes after the first failure only 4 remain in the window.
    const later = await getThrottleState(
      "econ",
      new Date(start.getTime() + THROTTLE_WINDOW_MS + 1),
    );
    expect(later.blocked).toBe(false);
  });

  it("counts per username, case-insensitively", async () => {
    const now = new Date("2026-11-21T09:00:00.000Z");
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await recordFailedLogin(" Mayor ", null, now);
    expect((await getThrottleState("mayor", now)).blocked).toBe(true);
    expect((await getThrottleState("secretary", now)).blocked).toBe(false);
  });

  it("a successful sign-in resets the count", async () => {
    const now = new Date("2026-11-21T10:00:00.000Z");
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) await recordFailedLogin("agri", null, now);
    await clearFailedLogins("agri");
    await recordFailedLogin("agri", null, now);
    expect((await getThrottleState("agri", now)).blocked).toBe(false);
  });
});
