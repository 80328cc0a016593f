// A county server carries hundreds of towns: the pages a person opens most
// (工作台, the plan list, a plan) must find their town's rows by index, never
// by reading a whole table. Every query those pages run is EXPLAINed with
// sequential scans priced out (enable_seqscan = off): a Seq Scan that remains
// means no index can serve it. PostgreSQL only (the county deployment).
import type { CompiledQuery, Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDatabase, setDbForTesting } from "~db/client";
import { cloneTown, fillRevisions } from "~db/county";
import { migrateToLatest } from "~db/migrator";
import type { Database } from "~db/schema";
import { seedDemoIfEmpty } from "~db/seed-demo";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase, userIdOf } from "~db/testing";
import { createPlan } from "~/models/plan.server";
import { getActiveUser } from "~/models/user.server";
import { createSession } from "~/utils/session.server";
import { loader as appLoader } from "~/routes/_app";
import { loader as inboxLoader } from "~/routes/_app._index";
import { loader as planLoader } from "~/routes/_app.plans.$planId";
import { loader as plansLoader } from "~/routes/_app.plans._index";

const TOWNS = 300;

type PlanNode = { "Node Type": string; "Relation Name"?: string; Plans?: PlanNode[] };

function seqScans(node: PlanNode): string[] {
  const own = node["Node Type"] === "Seq Scan" ? [node["Relation Name"] ?? "?"] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

// Without a PostgreSQL to test on (TEST_DATABASE_URL unset) the suite says so as skipped.
describe.skipIf(!TEST_DIALECTS.includes("postgres"))(
  `a county of ${TOWNS} towns on PostgreSQL`,
  () => {
    let testDb: TestDatabase;
    let watched: Kysely<Database>;
    const queries: CompiledQuery[] = [];
    let cookie = "";
    let planId = "";

    beforeAll(async () => {
      testDb = await createTestDatabase("postgres");
      await migrateToLatest(testDb.db);
      await seedDemoIfEmpty(testDb.db);
      setDbForTesting(testDb.db);
      const coordinator = (await getActiveUser(await userIdOf(testDb.db, "coordinator")))!;
      for (const year of [2026, 2027]) {
        const made = await createPlan(coordinator, { year, kind: "工作计划", from: "templates" });
        if (!made.ok) throw new Error(made.message);
        planId = made.planId;
      }
      await fillRevisions(testDb.db, coordinator.townId, 10);
      await cloneTown(testDb.db, coordinator.townId, TOWNS - 1);
      cookie = (await createSession(new Request("http://localhost/"), coordinator.id)).split(
        ";",
      )[0]!;
      // The pages' own queries, through a connection that writes each one down.
      watched = createDatabase(
        { dialect: "postgres", connectionString: testDb.url! },
        { log: (event) => void queries.push(event.query) },
      );
      setDbForTesting(watched);
    }, 180_000);

    afterAll(async () => {
      setDbForTesting(undefined);
      await watched?.destroy();
      await testDb?.destroy();
    });

    it("holds the county it claims to", async () => {
      const count = async (table: "towns" | "sections" | "sectionRevisions") =>
        Number(
          (
            await testDb.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count("towns")).toBeGreaterThanOrEqual(TOWNS);
      expect(await count("sections")).toBeGreaterThanOrEqual(TOWNS * 2 * 6);
      expect(await count("sectionRevisions")).toBeGreaterThanOrEqual(TOWNS * 2 * 6 * 10);
    });

    it.each([
      ["工作台", "/", () => inboxLoader],
      ["the plan list", "/plans", () => plansLoader],
      ["a plan's page", "/plans/:id", () => planLoader],
    ] as const)("%s reads every table through an index", async (_, path, loaderOf) => {
      queries.length = 0;
      const url = `http://localhost${path.replace(":id", planId)}`;
      const args = {
        request: new Request(url, { headers: { cookie } }),
        params: { planId },
        context: {},
      };
      await appLoader(args);
      await loaderOf()(args);
      const selects = queries.filter((query) => /^\s*(select|with)\b/i.test(query.sql));
      expect(selects.length).toBeGreaterThan(2);

      const client = new pg.Client({ connectionString: testDb.url });
      await client.connect();
      try {
        await client.query("set enable_seqscan = off");
        const scans: string[] = [];
        for (const query of selects) {
          const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
            `explain (format json) ${query.sql}`,
            query.parameters as unknown[],
          );
          for (const table of seqScans(rows[0]!["QUERY PLAN"][0].Plan)) {
            scans.push(`${table}: ${query.sql.replace(/\s+/g, " ").slice(0, 160)}`);
          }
        }
        expect(scans).toEqual([]);
      } finally {
        await client.end();
      }
    });
  },
);
