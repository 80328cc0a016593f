import { sql } from "kysely";

import { getDb } from "~db/client";

// For load balancers and the test harness: is the server up and the database reachable?
export async function loader() {
  try {
    await sql`select 1`.execute(getDb());
    return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
  } catch {
    return new Response("database unavailable", { status: 503 });
  }
}
