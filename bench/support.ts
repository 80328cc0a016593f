// What the benchmarks share: a demo town with plans, a long section's content,
// and waiting for a server to answer.
import type { Kysely } from "kysely";

import { markdownToContent } from "../app/editor/content.server";
import { createPlan } from "../app/models/plan.server";
import { getActiveUser } from "../app/models/user.server";
import { migrateToLatest } from "../db/migrator";
import type { Database } from "../db/schema";
import { seedDemoIfEmpty } from "../db/seed-demo";

const PARAGRAPH =
  "围绕主导产业开展产业链招商，全年计划引进过亿元项目五个以上，推动在谈项目签约落地。";

/**
 * Two versions of a 20,000-character section (≈124 KB of editor JSON) that
 * differ in every paragraph, so that each save really changes the text.
 */
export function sectionBodies(): [string, string] {
  const body = (marker: string) =>
    JSON.stringify(
      markdownToContent(
        `# 压测章节\n\n${Array.from(
          { length: Math.ceil(20_000 / PARAGRAPH.length) },
          (_, i) => `${marker}${i}${PARAGRAPH}`,
        ).join("\n\n")}`,
      ),
    );
  return [body("甲"), body("乙")];
}

/**
 * Migrates and seeds `db` (the models' database) and opens a plan from the
 * templates for each year as the demo coordinator; answers the coordinator
 * and the last plan's id.
 */
export async function demoPlans(db: Kysely<Database>, years: number[]) {
  await migrateToLatest(db);
  await seedDemoIfEmpty(db);
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", "coordinator")
    .executeTakeFirstOrThrow();
  const coordinator = (await getActiveUser(row.id))!;
  let planId = "";
  for (const year of years) {
    const made = await createPlan(coordinator, { year, kind: "工作计划", from: "templates" });
    if (!made.ok) throw new Error(made.message);
    planId = made.planId;
  }
  return { coordinator, planId };
}

/** Resolves once `url` answers 200 (a server starting). */
export async function waitFor(url: string, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`server did not start at ${url}`);
}

/** Signs in through the sign-in form; answers the session cookie ("name=value"). */
export async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ username, password: "demo1234" }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`sign-in as ${username} failed`);
  return cookie;
}
