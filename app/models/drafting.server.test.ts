import { expect, it } from "vitest";

import { describeEachDialect, personOf, townIdOf, userIdOf } from "~db/testing";

import { markdownToContent } from "~/editor/content.server";

import { createDepartment, deleteDepartment, listDepartments } from "./department.server";
import {
  createPlan,
  getPlan,
  getPlanTexts,
  lastYearTargets,
  listTargets,
  replaceTargets,
  updatePlanTexts,
} from "./plan.server";
import {
  addSection,
  getSection,
  listSections,
  moveSection,
  removeSection,
  REVISION_FOLD_MS,
  saveSectionContent,
  updateSectionSettings,
  type Editor,
} from "./section.server";

describeEachDialect(
  "drafting",
  (t) => {
    let planId = "";
    const editors = new Map<string, Editor>();

    async function editor(username: string): Promise<Editor> {
      const cached = editors.get(username) ?? (await personOf(t.db, username));
      editors.set(username, cached);
      return cached;
    }

    async function economySection() {
      const sections = await listSections((await editor("econ")).townId, planId);
      return sections.find((s) => s.kind === "economy")!;
    }

    const text = (body: string) => markdownToContent(`# 经济发展\n\n${body}`);

    async function planVersion() {
      const row = await t.db
        .selectFrom("plans")
        .select("version")
        .where("id", "=", planId)
        .executeTakeFirstOrThrow();
      return row.version;
    }

    it("the coordinator opens the 2027 plan from templates: six sections assigned by town defaults", async () => {
      const townId = await townIdOf(t.db, "示例镇");
      const result = await createPlan(
        { ...(await editor("coordinator")), townName: "示例镇" },
        { year: 2027, kind: "工作计划", from: "templates" },
      );
      expect(result.ok).toBe(true);
      planId = result.ok ? result.planId : "";
      expect((await getPlan(townId, planId))?.title).toBe("示例镇2027年工作计划");
      const sections = await listSections(townId, planId);
      expect(sections.map((s) => [s.kind, s.departmentName, s.leaderName])).toEqual([
        ["economy", "经济发展办公室", "张建国"],
        ["agriculture", "农业农村办公室", "孙立新"],
        ["urban", "规划建设办公室", "张建国"],
        ["ecology", "生态环境办公室", "孙立新"],
        ["livelihood", "社会事务办公室", "吴志远"],
        ["governance", "综合治理办公室", "吴志远"],
      ]);
      expect(sections.every((s) => s.placeholders > 0 && s.version === 1)).toBe(true);
      const targets = await t.db
        .selectFrom("targets")
        .selectAll()
        .where("planId", "=", planId)
        .execute();
      expect(targets.length).toBeGreaterThan(0);
    });

    it("refuses a second plan for the same town, year and kind", async () => {
      const result = await createPlan(
        { ...(await editor("coordinator")), townName: "示例镇" },
        { year: 2027, kind: "工作计划", from: "templates" },
      );
      expect(result).toEqual({
        ok: false,
        status: 409,
        field: "year",
        message: "2027年工作计划已经建立，不能重复创建",
      });
    });

    it("two requests creating the same plan at once (double click): one plan, one clear refusal", async () => {
      const creator = { ...(await editor("coordinator")), townName: "示例镇" };
      const input = { year: 2030, kind: "工作要点" as const, from: "templates" as const };
      const results = await Promise.all([createPlan(creator, input), createPlan(creator, input)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({
        message: "2030年工作要点已经建立，不能重复创建",
      });
    });

    it("a save based on the current version succeeds and raises the version", async () => {
      const section = await economySection();
      const result = await saveSectionContent(
        await editor("econ"),
        section.id,
        text("全年引进过亿元项目5个。"),
        1,
      );
      expect(result).toMatchObject({ status: "saved", version: 2 });
      const stored = await getSection((await editor("econ")).townId, section.id);
      expect(stored?.content).toContain("全年引进过亿元项目5个。");
      expect(stored?.updatedByName).toBe("王强");
    });

    it("a stale version is refused with the saved text, and nothing is stored", async () => {
      const section = await economySection();
      const result = await saveSectionContent(
        await editor("coordinator"),
        section.id,
        text("旧页面的内容"),
        1,
      );
      expect(result).toMatchObject({ status: "conflict", version: 2, savedBy: "王强" });
      if (result.status === "conflict") expect(result.content).toContain("过亿元项目5个");
      const stored = await getSection((await editor("econ")).townId, section.id);
      expect(stored?.version).toBe(2);
      expect(stored?.content).not.toContain("旧页面的内容");
    });

    it("the same text saved again (sent as the editor sends it, as JSON) keeps the version", async () => {
      const section = await economySection();
      const stored = await getSection((await editor("econ")).townId, section.id);
      const again = await saveSectionContent(
        await editor("econ"),
        section.id,
        JSON.parse(stored!.content) as unknown,
        section.version,
      );
      expect(again).toEqual({ status: "unchanged", version: section.version });
      // The same text on an old version is still someone else's newer save.
      const stale = await saveSectionContent(
        await editor("econ"),
        section.id,
        JSON.parse(stored!.content) as unknown,
        section.version - 1,
      );
      expect(stale).toMatchObject({ status: "conflict", version: section.version });
    });

    it("two saves racing on the same version: exactly one wins", async () => {
      const section = await economySection();
      const [a, b] = await Promise.all([
        saveSectionContent(await editor("econ"), section.id, text("甲的版本"), section.version),
        saveSectionContent(
          await editor("coordinator"),
          section.id,
          text("乙的版本"),
          section.version,
        ),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual(["conflict", "saved"]);
      const stored = await getSection((await editor("econ")).townId, section.id);
      expect(stored?.version).toBe(section.version + 1);
    });

    it("refuses other departments, read-only roles and other towns, saying why", async () => {
      const section = await economySection();
      const agri = await saveSectionContent(
        await editor("agri"),
        section.id,
        text("x"),
        section.version,
      );
      expect(agri).toEqual({
        status: "forbidden",
        reason: "本章节由经济发展办公室起草，您只能查看。",
      });
      const leader = await saveSectionContent(
        await editor("leader1"),
        section.id,
        text("x"),
        section.version,
      );
      expect(leader).toMatchObject({ status: "forbidden" });
      const other = await saveSectionContent(
        await editor("coordinator2"),
        section.id,
        text("x"),
        section.version,
      );
      expect(other).toEqual({ status: "missing" });
    });

    it("refuses invalid content and stores nothing", async () => {
      const section = await economySection();
      const result = await saveSectionContent(
        await editor("econ"),
        section.id,
        "{broken",
        section.version,
      );
      expect(result).toMatchObject({ status: "invalid", httpStatus: 422 });
      expect((await getSection((await editor("econ")).townId, section.id))?.version).toBe(
        section.version,
      );
    });

    it("folds one person's saves within 10 minutes into one revision; others start new ones", async () => {
      const econ = await editor("econ");
      const section = await economySection();
      const start = new Date(Date.now() + 60 * 60 * 1000);
      let version = section.version;
      const save = async (who: Editor, body: string, at: Date) => {
        const result = await saveSectionContent(who, section.id, text(body), version, { now: at });
        expect(result.status).toBe("saved");
        if (result.status === "saved") version = result.version;
      };
      const count = async () =>
        (
          await t.db
            .selectFrom("sectionRevisions")
            .select("id")
            .where("sectionId", "=", section.id)
            .execute()
        ).length;
      const before = await count();
      await save(econ, "第一稿", start);
      await save(econ, "第一稿补充", new Date(start.getTime() + 60_000));
      expect(await count()).toBe(before + 1);
      await save(await editor("coordinator"), "党政办改稿", new Date(start.getTime() + 120_000));
      expect(await count()).toBe(before + 2);
      await save(econ, "第二稿", new Date(start.getTime() + 180_000));
      await save(econ, "第二稿晚些", new Date(start.getTime() + 180_000 + REVISION_FOLD_MS + 1));
      expect(await count()).toBe(before + 4);
    });

    it("a plan from last year's plan copies sections, assignments, text and targets, but not last year itself", async () => {
      const coordinator = await editor("coordinator");
      // Last year's deadlines lay in the past: the new plan's move to the new year, never behind today.
      await t.db
        .updateTable("sections")
        .set({ deadline: "2026-01-10" })
        .where("planId", "=", planId)
        .execute();
      await t.db
        .updateTable("plans")
        .set({ deadline: "2026-01-15" })
        .where("id", "=", planId)
        .execute();
      const now = new Date("2027-01-12T02:00:00Z"); // 10:00 in Beijing
      const result = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2028, kind: "工作计划", from: "previous" },
        now,
      );
      expect(result.ok).toBe(true);
      const newId = result.ok ? result.planId : "";
      const before = await listSections(coordinator.townId, planId);
      const after = await listSections(coordinator.townId, newId);
      expect(after.map((s) => [s.title, s.departmentId, s.leaderId, s.characters])).toEqual(
        before.map((s) => [s.title, s.departmentId, s.leaderId, s.characters]),
      );
      expect(after.find((s) => s.kind === "economy")?.version).toBe(1);
      // 2026-01-10 + 1 year is 2027-01-10, already past on 2027-01-12: four weeks from today instead.
      expect(new Set(after.map((s) => s.deadline))).toEqual(new Set(["2027-02-09"]));
      const texts = await getPlanTexts(coordinator.townId, newId);
      expect(texts?.deadline).toBe("2027-01-15");
      // "2027年是…" must be written anew for 2028; no mention of 2027 passes unmarked.
      expect(texts?.preamble).toContain("【2028年是……】");
      expect(texts?.preamble).not.toMatch(/(?<!【)2027年/);
      expect(texts?.placeholders).toBeGreaterThan(0);

      const targets = async (id: string) =>
        t.db
          .selectFrom("targets")
          .select(["name", "value", "baseline"])
          .where("planId", "=", id)
          .orderBy("position")
          .execute();
      const copied = await targets(newId);
      expect(copied.map((x) => [x.name, x.value])).toEqual(
        (await targets(planId)).map((x) => [x.name, x.value]),
      );
      // 上年实际 is what was achieved, which nobody has entered yet: last year's target is a hint.
      expect(copied.every((x) => x.baseline === null)).toBe(true);
      const hints = await lastYearTargets(coordinator.townId, { year: 2028, kind: "工作计划" });
      const first = (await targets(planId))[0]!;
      expect(hints[first.name]).toContain(first.value);
    });

    it("the coordinator adds, moves, reassigns and removes sections; numbering stays continuous", async () => {
      const coordinator = await editor("coordinator");
      const leader2 = await userIdOf(t.db, "leader2");
      const settings = { title: "专项工作", departmentId: null, leaderId: leader2, deadline: null };
      const added = await addSection(coordinator, planId, settings, await planVersion());
      expect(added.ok).toBe(true);
      const id = added.ok ? added.sectionId! : "";
      let order = (await listSections(coordinator.townId, planId)).map((s) => s.title);
      expect(order.at(-1)).toBe("专项工作");

      expect(await moveSection(coordinator, planId, id, "up", await planVersion())).toMatchObject({
        ok: true,
      });
      order = (await listSections(coordinator.townId, planId)).map((s) => s.title);
      expect(order.slice(-2)).toEqual(["专项工作", "社会治理与党的建设"]);

      expect(
        await updateSectionSettings(
          coordinator,
          planId,
          id,
          { ...settings, leaderId: await userIdOf(t.db, "econ") },
          await planVersion(),
        ),
      ).toEqual({ ok: false, status: 422, message: "所选分管领导不存在，或没有分管领导角色" });

      expect(await removeSection(coordinator, planId, id, await planVersion())).toMatchObject({
        ok: true,
      });
      const after = await listSections(coordinator.townId, planId);
      expect(after.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(after.map((s) => s.title)).not.toContain("专项工作");
    });

    it("plan edits from a stale page are refused with who changed the plan, and store nothing", async () => {
      const coordinator = await editor("coordinator");
      const seen = await planVersion();
      const texts = (await getPlanTexts(coordinator.townId, planId))!;
      const edit = { preamble: "第一位的修改。", closing: texts.closing, deadline: texts.deadline };
      expect(await updatePlanTexts(coordinator, planId, edit, seen)).toEqual({
        ok: true,
        version: seen + 1,
      });
      // A second tab (or a colleague) still showing version `seen`:
      const staleTexts = await updatePlanTexts(
        coordinator,
        planId,
        { ...edit, preamble: "旧页面的修改。" },
        seen,
      );
      expect(staleTexts).toMatchObject({ ok: false, status: 409 });
      expect(!staleTexts.ok && staleTexts.message).toMatch(/^内容已由 李静 于 \d\d:\d\d 修改/);
      expect((await getPlanTexts(coordinator.townId, planId))?.preamble).toBe("第一位的修改。");

      const targetsBefore = await listTargets(coordinator.townId, planId);
      const staleTargets = await replaceTargets(coordinator, planId, [], seen);
      expect(staleTargets).toMatchObject({ ok: false, status: 409 });
      expect(await listTargets(coordinator.townId, planId)).toEqual(targetsBefore);

      const economy = await economySection();
      const staleSettings = await updateSectionSettings(
        coordinator,
        planId,
        economy.id,
        { title: "改名", departmentId: null, leaderId: null, deadline: null },
        seen,
      );
      expect(staleSettings).toMatchObject({ ok: false, status: 409 });
      expect((await economySection()).title).toBe(economy.title);
      expect(await moveSection(coordinator, planId, economy.id, "down", seen)).toMatchObject({
        status: 409,
      });
      expect(await removeSection(coordinator, planId, economy.id, seen)).toMatchObject({
        status: 409,
      });
      expect(await planVersion()).toBe(seen + 1);
    });

    it("a restore names the version it was made from: a save made meanwhile is not overwritten", async () => {
      const econ = await editor("econ");
      const section = await economySection();
      const seen = section.version;
      await saveSectionContent(econ, section.id, text("同事刚保存的内容。"), seen);
      // The history page still showed `seen` when 恢复此版本 was pressed.
      const restore = await saveSectionContent(econ, section.id, text("旧版本的内容。"), seen, {
        reason: "恢复为 旧版本 的版本",
      });
      expect(restore).toMatchObject({ status: "conflict", savedBy: "王强" });
      expect((await getSection(econ.townId, section.id))?.content).toContain("同事刚保存的内容");
    });

    it("replaces the targets in the order given, refusing another town's department", async () => {
      const coordinator = await editor("coordinator");
      const rows = [
        {
          name: "地区生产总值增长",
          value: "6.5",
          unit: "%",
          qualifier: "以上",
          baseline: "6",
          departmentId: null,
        },
        {
          name: "新建高标准农田",
          value: "10000",
          unit: "亩",
          qualifier: null,
          baseline: null,
          departmentId: null,
        },
      ];
      expect(await replaceTargets(coordinator, planId, rows, await planVersion())).toMatchObject({
        ok: true,
      });
      expect(
        (await listTargets(coordinator.townId, planId)).map((r) => [r.name, r.value, r.qualifier]),
      ).toEqual([
        ["地区生产总值增长", "6.5", "以上"],
        ["新建高标准农田", "10000", null],
      ]);
      const [otherDept] = await t.db
        .selectFrom("departments")
        .innerJoin("towns", "towns.id", "departments.townId")
        .select("departments.id")
        .where("towns.name", "=", "另一镇")
        .execute();
      const seen = await planVersion();
      expect(
        await replaceTargets(
          coordinator,
          planId,
          [{ ...rows[0]!, departmentId: otherDept!.id }],
          seen,
        ),
      ).toEqual({ ok: false, status: 422, message: "所选责任科室不存在" });
      expect(await planVersion()).toBe(seen); // the refusal rolled the version back too
      expect(await listTargets(await townIdOf(t.db, "另一镇"), planId)).toEqual([]);
    });

    it("a department that still writes a section cannot be deleted: nothing is unassigned silently", async () => {
      const coordinator = await editor("coordinator");
      const created = await createDepartment(coordinator.townId, "专项工作办公室");
      expect(created.ok).toBe(true);
      const [office] = (await listDepartments(coordinator.townId)).filter(
        (d) => d.name === "专项工作办公室",
      );
      const economy = await economySection();
      await updateSectionSettings(
        coordinator,
        planId,
        economy.id,
        {
          title: economy.title,
          departmentId: office!.id,
          leaderId: economy.leaderId,
          deadline: null,
        },
        await planVersion(),
      );
      const refused = await deleteDepartment(coordinator.townId, office!.id);
      expect(refused).toEqual({
        ok: false,
        message: "该科室仍负责 1 个章节，请先在分工设置或预期目标中改派给其他科室后再删除",
      });
      expect((await economySection()).departmentId).toBe(office!.id);
      await updateSectionSettings(
        coordinator,
        planId,
        economy.id,
        {
          title: economy.title,
          departmentId: economy.departmentId,
          leaderId: economy.leaderId,
          deadline: null,
        },
        await planVersion(),
      );
      expect(await deleteDepartment(coordinator.townId, office!.id)).toEqual({ ok: true });
    });

    it("cannot carry over a year that has no plan", async () => {
      const coordinator = await editor("coordinator");
      const result = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2035, kind: "工作计划", from: "previous" },
      );
      expect(result).toMatchObject({ ok: false, field: "from" });
    });
  },
  { seed: true },
);
