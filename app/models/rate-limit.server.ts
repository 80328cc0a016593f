import { sql } from "kysely";

import { getDb } from "~db/client";
import { nowIso } from "~db/time";

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request under `key` in a fixed window and says whether it is
 * within `limit`. The counter is a database row updated in one statement, so
 * every server process counts together: the limit is the same whatever
 * WEB_CONCURRENCY is.
 */
export async function countRequest(
  key: string,
  { limit, windowMs }: { limit: number; windowMs: number },
  now: Date = new Date(),
): Promise<RateVerdict> {
  const at = nowIso(now);
  const expired = nowIso(new Date(now.getTime() - windowMs));
  // Raw SQL names the database's columns (snake_case): the CamelCasePlugin does not rewrite it.
  const row = await getDb()
    .insertInto("rateCounters")
    .values({ key, windowStart: at, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql<number>`case when rate_counters.window_start <= ${expired} then 1 else rate_counters.count + 1 end`,
        windowStart: sql<string>`case when rate_counters.window_start <= ${expired} then ${at} else rate_counters.window_start end`,
      }),
    )
    .returning(["count", "windowStart"])
    .executeTakeFirstOrThrow();
  if (Number(row.count) <= limit) return { allowed: true };
  const retry = Date.parse(row.windowStart) + windowMs - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retry / 1000)) };
}
