import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { expect, it } from "vitest";

import { demoSectionPeople } from "~db/seed-demo";
import { describeEachDialect, personOf } from "~db/testing";

import { markdownToContent } from "~/editor/content.server";

import { planEventSchema, SectionEventSchema } from "~/utils/workflow-validation";

import { createPlan, getPlan, getPlanTexts, updatePlanTexts } from "../plan.server";
import { getSection, listSections, saveSectionContent, type Editor } from "../section.server";
import { applyPlanEvent, planEventFacts } from "./plan-events.server";
import { listPlanEvents } from "./record.server";
import { type ApplyResult, applySectionEvent } from "./section-events.server";

/** What a route does: the input checked at the boundary (422), then the event applied. */
async function sectionEvent(user: Editor, sectionId: string, fields: object): Promise<ApplyResult> {
  const parsed = SectionEventSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, status: 422, message: parsed.error.issues[0]!.message };
  return applySectionEvent(user, sectionId, parsed.data);
}

async function planEvent(user: Editor, planId: string, fields: object): Promise<ApplyResult> {
  const facts = await planEventFacts(user.townId, planId);
  const parsed = planEventSchema(facts!).safeParse(fields);
  if (!parsed.success) return { ok: false, status: 422, message: parsed.error.issues[0]!.message };
  return applyPlanEvent(user, planId, parsed.data);
}

const PEOPLE = demoSectionPeople();
const DRAFTER_OF = Object.fromEntries(Object.entries(PEOPLE).map(([k, p]) => [k, p.drafter]));
const LEADER_OF = Object.fromEntries(Object.entries(PEOPLE).map(([k, p]) => [k, p.leader]));

describeEachDialect(
  "approval workflow",
  (t) => {
    let planId = "";
    const as = (username: string): Promise<Editor> => personOf(t.db, username);

    async function section(kind: string) {
      const sections = await listSections((await as("coordinator")).townId, planId);
      return sections.find((s) => s.kind === kind)!;
    }

    async function fill(kind: string, body = "全年引进亿元以上项目5个。") {
      const current = await section(kind);
      const result = await saveSectionContent(
        await as(DRAFTER_OF[kind]!),
        current.id,
        markdownToContent(`# ${current.title}\n\n${body}`),
        current.version,
      );
      expect(result.status).toBe("saved");
    }

    async function send(
      username: string,
      kind: string,
      type: "submit" | "approve" | "return" | "withdraw",
      reason?: string,
    ) {
      const current = await section(kind);
      return sectionEvent(await as(username), current.id, {
        type,
        reason,
        baseVersion: current.version,
      });
    }

    async function fillPlanTexts(coordinator: Editor) {
      const texts = (await getPlanTexts(coordinator.townId, planId))!;
      const result = await updatePlanTexts(
        coordinator,
        planId,
        {
          preamble: texts.preamble.replace(/【[^】]*】/g, "全面推进乡村振兴的关键一年"),
          closing: texts.closing,
          deadline: texts.deadline,
        },
        texts.version,
      );
      expect(result.ok).toBe(true);
    }

    async function planVersion() {
      const row = await t.db
        .selectFrom("plans")
        .select("version")
        .where("id", "=", planId)
        .executeTakeFirstOrThrow();
      return row.version;
    }

    it("opens the plan; a section still holding placeholders cannot be submitted", async () => {
      const coordinator = await as("coordinator");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        {
          year: 2027,
          kind: "工作计划",
          from: "templates",
        },
      );
      expect(created.ok).toBe(true);
      planId = created.ok ? created.planId : "";
      const result = await send("econ", "economy", "submit");
      expect(result).toMatchObject({ ok: false, status: 422 });
      expect(!result.ok && result.message).toMatch(/还有 \d+ 处【】待填写/);
    });

    it("a filled section goes to its leader, with a named snapshot; then its text is locked", async () => {
      await fill("economy");
      expect(await send("econ", "economy", "submit")).toMatchObject({
        ok: true,
        state: "leaderReview",
      });
      const economy = await section("economy");
      const snapshots = await t.db
        .selectFrom("snapshots")
        .select(["kind", "sequence"])
        .where("sectionId", "=", economy.id)
        .execute();
      expect(snapshots).toEqual([{ kind: "submitted", sequence: 1 }]);

      const edit = await saveSectionContent(
        await as("econ"),
        economy.id,
        markdownToContent("# 经济发展\n\n偷偷改一句。"),
        economy.version,
      );
      expect(edit.status).toBe("forbidden");
      expect(
        (await getSection(economy.planId ? (await as("econ")).townId : "", economy.id))?.content,
      ).not.toContain("偷偷改");
    });

    it("refuses another leader's approval (403) and a return without a reason (422)", async () => {
      expect(await send("leader2", "economy", "approve")).toMatchObject({ ok: false, status: 403 });
      expect(await send("agri", "economy", "approve")).toMatchObject({ ok: false, status: 403 });
      expect(await send("leader1", "economy", "return", "   ")).toMatchObject({
        ok: false,
        status: 422,
      });
      expect((await section("economy")).state).toBe("leaderReview");
    });

    it("a return keeps the reason on the record; a resubmission is 第2次", async () => {
      expect(
        await send("leader1", "economy", "return", "项目数偏少，请对照县里下达的任务。"),
      ).toMatchObject({
        ok: true,
        state: "returned",
      });
      const economy = await section("economy");
      const events = await t.db
        .selectFrom("workflowEvents")
        .select(["event", "fromState", "toState", "reason"])
        .where("sectionId", "=", economy.id)
        .orderBy("createdAt")
        .execute();
      expect(events.at(-1)).toEqual({
        event: "return",
        fromState: "leaderReview",
        toState: "returned",
        reason: "项目数偏少，请对照县里下达的任务。",
      });
      await fill("economy", "全年引进亿元以上项目8个。");
      expect(await send("econ", "economy", "submit")).toMatchObject({ ok: true });
      const record = await listPlanEvents(
        (await as("econ")).townId,
        planId,
        { section: economy.id },
        { limit: 10 },
      );
      expect(record.events.map((e) => e.snapshotName).reverse()).toEqual([
        "送分管领导审核稿 第1次",
        "分管领导退回稿 第1次",
        "送分管领导审核稿 第2次",
      ]);
    });

    it("a double approval makes exactly one transition; the other hears who did it", async () => {
      const economy = await section("economy");
      const leader = await as("leader1");
      const results = await Promise.all(
        [0, 1].map(() =>
          sectionEvent(leader, economy.id, { type: "approve", baseVersion: economy.version }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok);
      expect(loser).toMatchObject({ ok: false, status: 409 });
      expect(!loser?.ok && loser?.message).toMatch(/^已由 张建国 于 \d\d:\d\d 通过/);
      const approvals = await t.db
        .selectFrom("workflowEvents")
        .select("id")
        .where("sectionId", "=", economy.id)
        .where("event", "=", "approve")
        .execute();
      expect(approvals).toHaveLength(1);
    });

    it("a person who submitted a section may never approve it, even holding both roles", async () => {
      const leader1 = await as("leader1");
      const econ = await as("econ");
      await t.db.insertInto("userRoles").values({ userId: leader1.id, role: "drafter" }).execute();
      await t.db
        .updateTable("users")
        .set({ departmentId: econ.departmentId })
        .where("id", "=", leader1.id)
        .execute();
      try {
        // urban belongs to another office: give it to econ's office for this case
        await t.db
          .updateTable("sections")
          .set({ departmentId: econ.departmentId })
          .where("id", "=", (await section("urban")).id)
          .execute();
        const current = await section("urban");
        const saved = await saveSectionContent(
          await as("leader1"),
          current.id,
          markdownToContent("# 城镇建设\n\n完成老旧小区改造3个。"),
          current.version,
        );
        expect(saved.status).toBe("saved");
        expect(await send("leader1", "urban", "submit")).toMatchObject({ ok: true });
        const refused = await send("leader1", "urban", "approve");
        expect(refused).toMatchObject({ ok: false, status: 403 });
        expect(!refused.ok && refused.message).toContain("提交人不能审核");
        expect(await send("leader1", "urban", "withdraw")).toMatchObject({
          ok: true,
          state: "drafting",
        });
      } finally {
        const urbanOffice = await t.db
          .selectFrom("departments")
          .select("id")
          .where("name", "=", "规划建设办公室")
          .where("townId", "=", leader1.townId)
          .executeTakeFirstOrThrow();
        await t.db
          .updateTable("sections")
          .set({ departmentId: urbanOffice.id })
          .where("id", "=", (await section("urban")).id)
          .execute();
        await t.db
          .deleteFrom("userRoles")
          .where("userId", "=", leader1.id)
          .where("role", "=", "drafter")
          .execute();
        await t.db
          .updateTable("users")
          .set({ departmentId: null })
          .where("id", "=", leader1.id)
          .execute();
      }
    });

    it("compiling waits for every section; a plan return reopens exactly the named sections", async () => {
      const coordinator = await as("coordinator");
      const early = await planEvent(coordinator, planId, {
        type: "startCompiling",
        baseVersion: await planVersion(),
      });
      expect(early).toMatchObject({ ok: false, status: 409 });

      for (const kind of Object.keys(DRAFTER_OF).filter((k) => k !== "economy")) {
        await fill(kind, "按计划推进各项重点工作。");
        expect(await send(DRAFTER_OF[kind]!, kind, "submit")).toMatchObject({ ok: true });
        expect(await send(LEADER_OF[kind]!, kind, "approve")).toMatchObject({
          ok: true,
          state: "approved",
        });
      }
      expect(
        await planEvent(coordinator, planId, {
          type: "startCompiling",
          baseVersion: await planVersion(),
        }),
      ).toMatchObject({ ok: true, state: "compiling" });
      // The template's 【】 in 形势与总体要求 must be filled before the mayor sees the plan.
      const toMayor = () =>
        planVersion().then((baseVersion) =>
          planEvent(coordinator, planId, { type: "submitToMayor", baseVersion }),
        );
      expect(await toMayor()).toMatchObject({ ok: false, status: 422 });
      await fillPlanTexts(coordinator);
      expect(await toMayor()).toMatchObject({ ok: true, state: "mayorReview" });

      const mayor = await as("mayor");
      const noReason = await planEvent(mayor, planId, {
        type: "return",
        baseVersion: await planVersion(),
        sections: [],
      });
      expect(noReason).toMatchObject({ ok: false, status: 422 });
      const named = [(await section("economy")).id, (await section("ecology")).id];
      const returned = await planEvent(mayor, planId, {
        type: "return",
        reason: "经济和生态两部分与县里部署衔接不够。",
        sections: named,
        baseVersion: await planVersion(),
      });
      expect(returned).toMatchObject({ ok: true, state: "drafting" });
      const states = Object.fromEntries(
        (await listSections(coordinator.townId, planId)).map((s) => [s.kind, s.state]),
      );
      expect(states).toEqual({
        economy: "returned",
        agriculture: "approved",
        urban: "approved",
        ecology: "returned",
        livelihood: "approved",
        governance: "approved",
      });
      expect((await getPlan(coordinator.townId, planId))?.state).toBe("drafting");
      const reopen = await t.db
        .selectFrom("workflowEvents")
        .select(["sectionId", "reason"])
        .where("planId", "=", planId)
        .where("event", "=", "reopen")
        .execute();
      expect(reopen.map((e) => e.sectionId).sort()).toEqual([...named].sort());
      expect(new Set(reopen.map((e) => e.reason))).toEqual(
        new Set(["经济和生态两部分与县里部署衔接不够。"]),
      );

      // One timestamp for the return and the reopenings; the record still reads in
      // the order they happened (newest first), every time.
      const { events } = await listPlanEvents(coordinator.townId, planId, {}, { limit: 3 });
      expect(events.map((e) => [e.event, e.subject])).toEqual([
        ["reopen", "生态环境"],
        ["reopen", "经济发展"],
        ["return", (await getPlan(coordinator.townId, planId))!.title],
      ]);
      expect(new Set(events.map((e) => e.at)).size).toBe(1);
    });

    it("the record pages newest first, with no event lost or repeated between pages", async () => {
      const { townId } = await as("coordinator");
      const whole = await listPlanEvents(townId, planId, {}, { limit: 500 });
      expect(whole.hasMore).toBe(false);
      expect(whole.events.length).toBeGreaterThan(10);
      const paged: string[] = [];
      for (let offset = 0; ; offset += 4) {
        const page = await listPlanEvents(townId, planId, {}, { limit: 4, offset });
        paged.push(...page.events.map((e) => e.id));
        if (!page.hasMore) break;
      }
      expect(paged).toEqual(whole.events.map((e) => e.id));
      const times = whole.events.map((e) => e.at);
      expect(times).toEqual([...times].sort().reverse());
    });

    it("the record is append-only: the database refuses to change or delete an event", async () => {
      const event = await t.db
        .selectFrom("workflowEvents")
        .select("id")
        .limit(1)
        .executeTakeFirstOrThrow();
      await expect(
        t.db
          .updateTable("workflowEvents")
          // @ts-expect-error -- the schema makes every column of the record never-updatable
          .set({ reason: "改写历史" })
          .where("id", "=", event.id)
          .execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.db.deleteFrom("workflowEvents").where("id", "=", event.id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.deleteFrom("snapshots").execute()).rejects.toThrow(/append-only/);
    });
  },
  { seed: true },
);

it("no code path updates or deletes a workflow event or snapshot", () => {
  const root = join(import.meta.dirname, "..", "..", "..");
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (
          ![
            "node_modules",
            "build",
            ".cache",
            "public",
            "data",
            "test-results",
            "migrations",
          ].includes(name)
        )
          walk(path);
      } else if (/\.tsx?$/.test(name) && !name.endsWith(".test.ts")) {
        const source = readFileSync(path, "utf8");
        if (/(updateTable|deleteFrom)\(\s*["'](workflowEvents|snapshots)["']/.test(source))
          offenders.push(path);
        if (/(update|delete\s+from)\s+"?(workflow_events|snapshots)\b/i.test(source))
          offenders.push(path);
      }
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});
