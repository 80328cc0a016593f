import { strFromU8, unzipSync } from "fflate";
import { expect, it } from "vitest";

import { describeEachDialect, personOf } from "~db/testing";

import { call } from "~/api/testing";
import { plainText } from "~/editor/attribution";
import { createToken } from "~/models/api-token.server";
import * as exportDocx from "~/routes/api.v1.plans.$planId.export[.]docx";
import * as sectionChangesRoute from "~/routes/api.v1.sections.$sectionId.changes";
import { markdownToContent } from "~/editor/content.server";

import { cleanCopySection, sectionChanges, undoChanges } from "./changes.server";
import { createPlan } from "./plan.server";
import { getSection, listSections, saveSectionContent, type Editor } from "./section.server";
import { listPlanEvents } from "./workflow/record.server";
import { applySectionEvent } from "./workflow/section-events.server";

const BEFORE = "全年引进亿元以上项目5个。推动园区企业向规模以上发展。";
const AFTER = "全年引进亿元以上项目8个。";

describeEachDialect(
  "tracked changes",
  (t) => {
    let planId = "";
    let sectionId = "";
    const as = (username: string): Promise<Editor> => personOf(t.db, username);
    const text = (body: string) => markdownToContent(`# 抓好招商引资\n\n${body}`);
    const current = async () => (await getSection((await as("econ")).townId, sectionId))!;

    async function save(username: string, body: string) {
      const section = await current();
      return saveSectionContent(await as(username), sectionId, text(body), section.version);
    }

    async function event(username: string, type: "submit" | "return" | "approve", reason?: string) {
      const section = await current();
      const input =
        type === "return"
          ? { type, reason: reason ?? "请修改", baseVersion: section.version }
          : { type, baseVersion: section.version };
      return applySectionEvent(await as(username), sectionId, input);
    }

    const changesSeenBy = async (username: string, since?: string) =>
      (await sectionChanges(await as(username), sectionId, since))!;
    const summary = (changes: Awaited<ReturnType<typeof changesSeenBy>>) =>
      changes.tracked.changes.map(
        (c) => `${c.author.name}:${c.type === "insert" ? "+" : "-"}${c.text}`,
      );

    it("econ writes the economy section of a new plan and submits it", async () => {
      const coordinator = await as("coordinator");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2031, kind: "工作计划", from: "templates" },
      );
      planId = created.ok ? created.planId : "";
      const sections = await listSections(coordinator.townId, planId);
      sectionId = sections.find((s) => s.kind === "economy")!.id;
      expect((await save("econ", BEFORE)).status).toBe("saved");
      expect(await event("econ", "submit")).toMatchObject({ ok: true, state: "leaderReview" });
    });

    it("in review, the drafter cannot edit, and the leader edits without changing the state", async () => {
      expect(await save("econ", "不该保存的文字。")).toMatchObject({ status: "forbidden" });
      expect(await save("leader2", "不该保存的文字。")).toMatchObject({ status: "forbidden" });
      expect(await save("leader1", AFTER)).toMatchObject({ status: "saved" });
      expect((await current()).state).toBe("leaderReview");
      // The record has the leader's edit as a line of its own.
      const events = await listPlanEvents((await as("leader1")).townId, planId, {});
      expect(events.events.map((e) => [e.event, e.actorName])).toContainEqual(["edit", "张建国"]);
      // Later saves by the same person fold into the same revision: one line, not one per save.
      expect(await save("leader1", AFTER + "要求")).toMatchObject({ status: "saved" });
      expect(await save("leader1", AFTER)).toMatchObject({ status: "saved" });
      const again = await listPlanEvents((await as("leader1")).townId, planId, {});
      expect(again.events.filter((e) => e.event === "edit")).toHaveLength(1);
    });

    it("after the return, econ sees the leader's changes since the submission, by name", async () => {
      expect(await event("leader1", "return", "请按修改稿调整")).toMatchObject({ ok: true });
      const view = await changesSeenBy("econ");
      expect(view.baseline.name).toBe("送分管领导审核稿 第1次");
      expect(summary(view)).toEqual([
        "张建国:-5",
        "张建国:+8",
        "张建国:-推动园区企业向规模以上发展。",
      ]);
      expect(view.tracked.authors).toEqual([
        { author: { id: expect.any(String), name: "张建国" }, inserts: 1, deletes: 2 },
      ]);
    });

    it("undoing one change is a new revision on the record, and the change is gone from the view", async () => {
      const view = await changesSeenBy("econ");
      const deletion = view.tracked.changes.find((c) => c.text.startsWith("推动"))!;
      const stale = await undoChanges(await as("econ"), sectionId, {
        since: null,
        baseVersion: view.version - 1,
        changeId: deletion.id,
      });
      expect(stale.status).toBe("stale");
      const undone = await undoChanges(await as("econ"), sectionId, {
        since: null,
        baseVersion: view.version,
        changeId: deletion.id,
      });
      expect(undone.status).toBe("saved");
      expect(plainText((await current()).content)).toContain(
        "项目8个。推动园区企业向规模以上发展。",
      );
      const revision = await t.db
        .selectFrom("sectionRevisions")
        .select(["reason"])
        .where("sectionId", "=", sectionId)
        .orderBy("version", "desc")
        .executeTakeFirstOrThrow();
      expect(revision.reason).toBe("撤销张建国的一处修改");
      expect(summary(await changesSeenBy("econ"))).toEqual(["张建国:-5", "张建国:+8"]);
    });

    it("undoing all of one person's changes gives the submitted text back", async () => {
      const view = await changesSeenBy("econ");
      const leader = view.tracked.authors[0]!.author;
      const result = await undoChanges(await as("econ"), sectionId, {
        since: null,
        baseVersion: view.version,
        authorId: leader.id,
      });
      expect(result.status).toBe("saved");
      expect(plainText((await current()).content)).toBe(plainText(JSON.stringify(text(BEFORE))));
      expect((await changesSeenBy("econ")).tracked.changes).toEqual([]);
    });

    it("清稿 keeps a 花脸稿 and moves the baseline; it cannot be repeated", async () => {
      expect((await save("econ", AFTER)).status).toBe("saved");
      const before = await changesSeenBy("econ");
      expect(before.tracked.changes.length).toBeGreaterThan(0);
      const leader = await as("leader1");
      // Not the leader's to clean while the section is back with the office.
      expect(
        await cleanCopySection(leader, sectionId, { since: null, baseVersion: before.version }),
      ).toMatchObject({ ok: false, status: 403 });
      const cleaned = await cleanCopySection(await as("econ"), sectionId, {
        since: null,
        baseVersion: before.version,
      });
      expect(cleaned).toMatchObject({ ok: true });
      const after = await changesSeenBy("econ");
      expect(after.baseline.name).toBe("花脸稿 第1次");
      expect(after.tracked.changes).toEqual([]);
      // The 花脸稿 holds the changes it accepted; choosing the submission still shows them.
      const markup = await t.db
        .selectFrom("snapshots")
        .select("content")
        .where("sectionId", "=", sectionId)
        .where("kind", "=", "markup")
        .executeTakeFirstOrThrow();
      expect(markup.content).toContain('"$change"');
      const submitted = before.choices.find((c) => c.name === "送分管领导审核稿 第1次")!;
      expect((await changesSeenBy("econ", submitted.id)).tracked.changes.length).toBeGreaterThan(0);
      // A second click (the old version) is refused; so is a clean copy with nothing to accept.
      const repeat = await cleanCopySection(await as("econ"), sectionId, {
        since: null,
        baseVersion: before.version,
      });
      expect(repeat).toMatchObject({ ok: false, status: 409 });
      const nothing = await cleanCopySection(await as("econ"), sectionId, {
        since: null,
        baseVersion: after.version,
      });
      expect(nothing).toMatchObject({
        ok: false,
        status: 409,
        message: expect.stringContaining("清稿"),
      });
    });

    it("in 镇长审核 the mayor edits any section, and no one else can", async () => {
      // Arranged: the plan went through 统稿 to the mayor (the workflow tests walk that way).
      await t.db
        .updateTable("sections")
        .set({ state: "approved" })
        .where("planId", "=", planId)
        .execute();
      await t.db
        .updateTable("plans")
        .set({ state: "mayorReview" })
        .where("id", "=", planId)
        .execute();
      for (const username of ["econ", "leader1", "coordinator", "secretary"]) {
        expect(await save(username, "不该保存的文字。")).toMatchObject({ status: "forbidden" });
      }
      expect(await save("mayor", AFTER + "力争10个。")).toMatchObject({ status: "saved" });
      const view = await changesSeenBy("mayor");
      expect(summary(view)).toEqual(["郑海:+力争10个。"]);
      const other = (await listSections((await as("mayor")).townId, planId)).find(
        (s) => s.kind === "agriculture",
      )!;
      const agri = await saveSectionContent(
        await as("mayor"),
        other.id,
        markdownToContent("# 农业农村\n\n镇长修改的农业章节。"),
        other.version,
      );
      expect(agri.status).toBe("saved");
    });

    it("the API lists the changes by author, and the 修订稿 carries them as Word tracked changes", async () => {
      const { token } = await createToken((await as("mayor")).id, "测试");
      const path = `/api/v1/sections/${sectionId}/changes`;
      const answer = await call(sectionChangesRoute, { path, params: { sectionId }, token });
      expect(answer.status).toBe(200);
      expect(answer.json.changes).toEqual([
        {
          id: 1,
          type: "insert",
          text: "力争10个。",
          author: { id: expect.any(String), name: "郑海" },
          at: expect.any(String),
        },
      ]);
      expect(answer.json.authors).toEqual([
        { author: { id: expect.any(String), name: "郑海" }, inserts: 1, deletes: 0 },
      ]);
      const unknown = await call(sectionChangesRoute, {
        path: `${path}?since=${planId}`,
        params: { sectionId },
        token,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.message).toContain("比较起点");

      const file = await call(exportDocx, {
        path: `/api/v1/plans/${planId}/export.docx?tracked=1&section=${sectionId}`,
        params: { planId },
        token,
      });
      expect(file.status).toBe(200);
      expect(file.response.headers.get("Content-Disposition")).toContain(
        encodeURIComponent("（修订稿）"),
      );
      const xml = strFromU8(
        unzipSync(new Uint8Array(await file.response.arrayBuffer()))["word/document.xml"]!,
      );
      expect(xml.match(/<w:ins /g)).toHaveLength(1);
      expect(xml).toContain('w:author="郑海"');
      // The plain export stays clean.
      const plain = await call(exportDocx, {
        path: `/api/v1/plans/${planId}/export.docx`,
        params: { planId },
        token,
      });
      const clean = strFromU8(
        unzipSync(new Uint8Array(await plain.response.arrayBuffer()))["word/document.xml"]!,
      );
      expect(clean).not.toContain("<w:ins ");
      expect(clean).toContain("力争10个。");
    });
  },
  { seed: true },
);
