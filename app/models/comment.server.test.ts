import { expect, it } from "vitest";

import { describeEachDialect, personOf, townIdOf } from "~db/testing";

import { markdownToContent } from "~/editor/content.server";

import { addReply, addThread, listThreads, setThreadResolved } from "./comment.server";
import { createPlan } from "./plan.server";
import { listSections, saveSectionContent } from "./section.server";

describeEachDialect(
  "comments",
  (t) => {
    let sectionId = "";

    it("a leader comments on words of the text; the drafter replies; it is resolved and reopened", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const townId = await townIdOf(t.db, "示例镇");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2028, kind: "工作计划", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      const economy = (await listSections(townId, created.planId)).find(
        (s) => s.kind === "economy",
      )!;
      sectionId = economy.id;
      const econ = await personOf(t.db, "econ");
      await saveSectionContent(
        econ,
        sectionId,
        markdownToContent("# 经济发展\n\n全年引进亿元以上项目5个，新开工项目3个。"),
        economy.version,
      );

      const leader = await personOf(t.db, "leader1");
      expect(
        await addThread(leader, sectionId, { quote: "引进亿元以上项目5个", body: "目标偏低。" }),
      ).toEqual({
        ok: true,
      });
      const [thread] = await listThreads(leader, sectionId);
      expect(thread).toMatchObject({
        quote: "引进亿元以上项目5个",
        occurrence: 0,
        body: "目标偏低。",
        author: "张建国",
        orphaned: false,
      });
      expect(await addReply(econ, sectionId, thread!.id, "已调整为8个。")).toEqual({ ok: true });
      expect(await setThreadResolved(leader, sectionId, thread!.id, true)).toEqual({ ok: true });
      let [after] = await listThreads(leader, sectionId);
      expect(after!.replies.map((r) => [r.author, r.body])).toEqual([["王强", "已调整为8个。"]]);
      expect(after!.resolved?.by).toBe("张建国");
      // The drafter neither raised it nor reviews the section: not theirs to reopen.
      expect(await setThreadResolved(econ, sectionId, thread!.id, false)).toMatchObject({
        ok: false,
        status: 403,
      });
      expect((await listThreads(econ, sectionId))[0]!.canResolve).toBe(false);
      await setThreadResolved(leader, sectionId, thread!.id, false);
      [after] = await listThreads(leader, sectionId);
      expect(after!.resolved).toBeNull();
    });

    it("refuses a quote that is not in the text", async () => {
      const leader = await personOf(t.db, "leader1");
      expect(
        await addThread(leader, sectionId, { quote: "不存在的文字", body: "？" }),
      ).toMatchObject({
        ok: false,
        status: 422,
      });
    });

    it("keeps a comment whose words were edited away: still open, saying where they were", async () => {
      const econ = await personOf(t.db, "econ");
      const { version } = await t.db
        .selectFrom("sections")
        .select("version")
        .where("id", "=", sectionId)
        .executeTakeFirstOrThrow();
      await saveSectionContent(
        econ,
        sectionId,
        markdownToContent("# 经济发展\n\n全年新开工项目3个。"),
        version,
      );
      const threads = await listThreads(econ, sectionId);
      expect(threads).toHaveLength(1);
      expect(threads[0]).toMatchObject({
        orphaned: true,
        body: "目标偏低。",
        quote: "引进亿元以上项目5个",
        heading: "经济发展",
        resolved: null,
      });
    });

    it("keeps which appearance of repeated words was selected", async () => {
      const leader = await personOf(t.db, "leader1");
      // Kept as selected even where the text now has fewer (全年新开工项目3个。 since the
      // deletion above): the editor then marks the first appearance.
      expect(
        await addThread(leader, sectionId, { quote: "项目", occurrence: 1, body: "哪些项目？" }),
      ).toEqual({ ok: true });
      const threads = await listThreads(leader, sectionId);
      expect(threads.at(-1)).toMatchObject({ quote: "项目", occurrence: 1, orphaned: false });
    });

    it("another town neither sees nor answers the threads", async () => {
      const stranger = await personOf(t.db, "coordinator2");
      expect(await listThreads(stranger, sectionId)).toEqual([]);
      expect(await addThread(stranger, sectionId, { quote: "新开工", body: "x" })).toMatchObject({
        status: 404,
      });
    });
  },
  { seed: true },
);
