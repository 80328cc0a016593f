import { expect, it } from "vitest";

import { describeEachDialect } from "~db/testing";

import { countRequest } from "./rate-limit.server";

describeEachDialect("request counters", (t) => {
  const window = { limit: 3, windowMs: 60_000 };

  it("allows up to the limit in a window, then says how long to wait", async () => {
    const start = new Date("2026-12-01T08:00:00.000Z");
    for (let i = 0; i < 3; i++) {
      expect(await countRequest("token:a", window, new Date(start.getTime() + i * 1000))).toEqual({
        allowed: true,
      });
    }
    expect(await countRequest("token:a", window, new Date(start.getTime() + 20_000))).toEqual({
      allowed: false,
      retryAfterSeconds: 40,
    });
    // Another key is not held up; a new window starts afresh.
    expect(await countRequest("token:b", window, start)).toEqual({ allowed: true });
    expect(await countRequest("token:a", window, new Date(start.getTime() + 60_000))).toEqual({
      allowed: true,
    });
  });

  it("counts racing requests exactly, as every server process shares the row", async () => {
    const now = new Date("2026-12-01T09:00:00.000Z");
    const verdicts = await Promise.all(
      Array.from({ length: 10 }, () => countRequest("token:race", window, now)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(3);
    const row = await t.db
      .selectFrom("rateCounters")
      .select("count")
      .where("key", "=", "token:race")
      .executeTakeFirstOrThrow();
    expect(Number(row.count)).toBe(10);
  });
});
