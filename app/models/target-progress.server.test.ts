import { strFromU8, unzipSync } from "fflate";
import { expect, it } from "vitest";

import { describeEachDialect, markPublished, personOf } from "~db/testing";

import { createPlan, getPlan, replaceTargets } from "./plan.server";
import { listPlanEvents } from "./workflow/record.server";
import {
  confirmProgress,
  enterProgress,
  getPlanProgress,
  listProgressTodo,
  progressWorkbook,
  remindProgress,
  setProgressPeriod,
} from "./target-progress.server";

// Mid-July 2027: the first quarter's figures were due on 10 April, the second's on 10 July.
const JULY = new Date("2027-07-20T02:00:00Z");

describeEachDialect(
  "progress on a published plan's targets",
  (t) => {
    /** A published 2027 plan with targets of the economy and agriculture offices. */
    async function publishedPlan(year = 2027) {
      const coordinator = await personOf(t.db, "coordinator");
      const econ = await personOf(t.db, "econ");
      const agri = await personOf(t.db, "agri");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year, kind: "工作计划", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      const plan = (await getPlan(coordinator.townId, created.planId))!;
      const row = (name: string, value: string, unit: string, departmentId: string | null) => ({
        name,
        value,
        unit,
        qualifier: null,
        baseline: null,
        departmentId,
      });
      const edited = await replaceTargets(
        coordinator,
        plan.id,
        [
          row("引进过亿元项目", "5", "个", econ.departmentId),
          row("地区生产总值增长", "6", "%", econ.departmentId),
          row("新建高标准农田", "1", "万亩", agri.departmentId),
        ],
        plan.version,
      );
      expect(edited.ok).toBe(true);
      await markPublished(t.db, plan.id);
      const progress = (await getPlanProgress(coordinator.townId, plan.id))!;
      const id = (name: string) => progress.targets.find((target) => target.name === name)!.id;
      return {
        planId: plan.id,
        projects: id("引进过亿元项目"),
        growth: id("地区生产总值增长"),
        farmland: id("新建高标准农田"),
      };
    }

    it("the target's department enters a figure, its leader confirms it; nobody else does either", async () => {
      const { planId, projects } = await publishedPlan();
      const econ = await personOf(t.db, "econ");
      const agri = await personOf(t.db, "agri");
      const leader1 = await personOf(t.db, "leader1");
      const leader2 = await personOf(t.db, "leader2");
      const q1 = { period: "2027-Q1", actual: 1, note: "已签约1个", baseVersion: 0 };
      expect(await enterProgress(agri, planId, projects, q1, JULY)).toEqual({
        ok: false,
        status: 403,
        message: "只有该目标的责任科室能报送进度。",
      });
      const entered = await enterProgress(econ, planId, projects, q1, JULY);
      expect(entered).toMatchObject({
        ok: true,
        figure: { period: "2027-Q1", state: "entered", actual: 1, note: "已签约1个", version: 1 },
      });
      // The one who entered cannot confirm; another leader cannot; the overseeing leader can.
      const confirm = { period: "2027-Q1", baseVersion: 1 };
      expect(await confirmProgress(econ, planId, projects, confirm, JULY)).toMatchObject({
        status: 403,
      });
      expect(await confirmProgress(leader2, planId, projects, confirm, JULY)).toEqual({
        ok: false,
        status: 403,
        message: "只有分管该科室的领导能确认进度。",
      });
      expect(await confirmProgress(leader1, planId, projects, confirm, JULY)).toMatchObject({
        ok: true,
        figure: { state: "confirmed", confirmedByName: expect.any(String), version: 2 },
      });
      // A second tab still showing version 1: refused, nothing overwritten.
      expect(await enterProgress(econ, planId, projects, { ...q1, actual: 9 }, JULY)).toMatchObject(
        { ok: false, status: 409 },
      );
      // A correction goes back for confirmation.
      expect(
        await enterProgress(econ, planId, projects, { ...q1, actual: 2, baseVersion: 2 }, JULY),
      ).toMatchObject({ ok: true, figure: { state: "entered", actual: 2, version: 3 } });
      // A period not begun yet, or of another kind than the town's, is refused in Chinese.
      expect(
        await enterProgress(econ, planId, projects, { ...q1, period: "2027-Q4" }, JULY),
      ).toEqual({ ok: false, status: 422, message: "2027年第四季度尚未开始，不能报送。" });
      expect(
        await enterProgress(econ, planId, projects, { ...q1, period: "2027-05" }, JULY),
      ).toMatchObject({ ok: false, status: 422 });
    });

    it("rates the latest figure against the time elapsed, and a late figure shows in 待办", async () => {
      const { planId, projects, growth, farmland } = await publishedPlan(2028);
      const econ = await personOf(t.db, "econ");
      const agri = await personOf(t.db, "agri");
      const leader1 = await personOf(t.db, "leader1");
      const coordinator = await personOf(t.db, "coordinator");
      const JULY_2028 = new Date("2028-07-20T02:00:00Z");
      const enter = (user: typeof econ, target: string, period: string, actual: number) =>
        enterProgress(
          user,
          planId,
          target,
          { period, actual, note: null, baseVersion: 0 },
          JULY_2028,
        );
      await enter(econ, projects, "2028-Q1", 1);
      await enter(econ, projects, "2028-Q2", 2);
      await enter(econ, growth, "2028-Q2", 6.4);
      const progress = (await getPlanProgress(econ.townId, planId))!;
      const rating = (id: string) =>
        progress.targets.find((target) => target.id === id)!.assessment;
      // 2 of 5 at mid-year: 40% done, 50% of the year gone.
      expect(rating(projects)).toMatchObject({
        rating: "欠进度",
        share: 0.4,
        elapsed: 0.5,
        period: "2028-Q2",
      });
      expect(rating(growth)).toMatchObject({ rating: "达进度", actual: 6.4 });
      expect(rating(farmland)).toBeNull();

      // The agriculture office's Q1 and Q2 figures are late; econ's Q1 of growth is too.
      // Other tests' plans have late figures too: this plan's items only.
      const todo = async (user: typeof econ, at = JULY_2028) =>
        (await listProgressTodo(user, at)).filter((item) => item.href.includes(planId));
      const agriTodo = await todo(agri);
      expect(agriTodo.map((item) => [item.title, item.period, item.todo])).toEqual([
        ["新建高标准农田", "2028-Q1", "进度逾期未报送"],
        ["新建高标准农田", "2028-Q2", "进度逾期未报送"],
      ]);
      expect(agriTodo[0]!.href).toBe(`/plans/${planId}/progress`);
      const econTodo = await todo(econ);
      expect(econTodo.map((item) => [item.title, item.period])).toEqual([
        ["地区生产总值增长", "2028-Q1"],
      ]);
      // The leader has the three figures to confirm; the coordinator has nothing to enter.
      expect((await todo(leader1)).map((item) => item.todo)).toEqual([
        "待确认进度",
        "待确认进度",
        "待确认进度",
      ]);
      expect(await todo(coordinator)).toEqual([]);
      // Nothing is late before its due day.
      expect(await todo(agri, new Date("2028-04-09T02:00:00Z"))).toEqual([]);
    });

    it("a town that reports monthly takes months, and an unpublished plan takes nothing", async () => {
      const { planId, projects } = await publishedPlan(2029);
      const econ = await personOf(t.db, "econ");
      await setProgressPeriod(econ.townId, "month");
      const june = { period: "2029-06", actual: 2, note: null, baseVersion: 0 };
      const at = new Date("2029-07-02T02:00:00Z");
      expect(await enterProgress(econ, planId, projects, june, at)).toMatchObject({ ok: true });
      expect((await listProgressTodo(econ, at)).map((item) => item.period)).toContain("2029-05");
      await setProgressPeriod(econ.townId, "quarter");
      await t.db.updateTable("plans").set({ state: "approved" }).where("id", "=", planId).execute();
      expect(
        await enterProgress(econ, planId, projects, { ...june, period: "2029-Q2" }, at),
      ).toEqual({ ok: false, status: 409, message: "计划印发后才能报送目标进度。" });
    });

    it("党政办 reminds an office of a late figure: on its 待办 and on the record", async () => {
      const { planId, farmland } = await publishedPlan(2033);
      const coordinator = await personOf(t.db, "coordinator");
      const agri = await personOf(t.db, "agri");
      const at = new Date("2033-07-20T02:00:00Z");
      expect(await remindProgress(agri, planId, farmland, "2033-Q1", at)).toEqual({
        ok: false,
        status: 403,
        message: "只有党政办能催办。",
      });
      expect(await remindProgress(coordinator, planId, farmland, "2033-Q3", at)).toEqual({
        ok: false,
        status: 409,
        message: "2033年第三季度的数字尚未逾期，不需要催办。",
      });
      expect(await remindProgress(coordinator, planId, farmland, "2033-Q1", at)).toEqual({
        ok: true,
      });
      const todo = (await listProgressTodo(agri, at)).filter((item) => item.href.includes(planId));
      expect(todo.map((item) => [item.period, item.reminder?.by ?? null])).toEqual([
        ["2033-Q1", "李静"],
        ["2033-Q2", null],
      ]);
      const { events } = await listPlanEvents(coordinator.townId, planId, { event: "remind" });
      expect(events.map((e) => [e.subject, e.eventLabel])).toEqual([
        ["新建高标准农田（2033年第一季度）", "催办"],
      ]);
      // Entered, it is no longer late and cannot be reminded of.
      await enterProgress(
        agri,
        planId,
        farmland,
        { period: "2033-Q1", actual: 0.2, note: null, baseVersion: 0 },
        at,
      );
      expect(await remindProgress(coordinator, planId, farmland, "2033-Q1", at)).toMatchObject({
        ok: false,
        status: 409,
      });
    });

    it("the year's figures and ratings download as a spreadsheet", async () => {
      const { planId, projects } = await publishedPlan(2032);
      const econ = await personOf(t.db, "econ");
      const at = new Date("2032-07-20T02:00:00Z");
      await enterProgress(
        econ,
        planId,
        projects,
        { period: "2032-Q2", actual: 3, note: null, baseVersion: 0 },
        at,
      );
      const file = (await progressWorkbook(econ.townId, planId))!;
      expect(file.filename).toBe("示例镇2032年工作计划目标进度.xlsx");
      const files = unzipSync(file.bytes);
      const strings = strFromU8(files["xl/sharedStrings.xml"]!);
      for (const text of [
        "示例镇2032年工作计划目标进度",
        "引进过亿元项目",
        "二季度进度",
        "超进度",
        "新建高标准农田",
      ]) {
        expect(strings).toContain(text);
      }
      expect(strFromU8(files["xl/workbook.xml"]!)).toContain('name="目标进度"');
      const stranger = await personOf(t.db, "coordinator2");
      expect(await progressWorkbook(stranger.townId, planId)).toBeNull();
    });

    it("another town's plan and targets are not found", async () => {
      const { planId, projects } = await publishedPlan(2030);
      const stranger = await personOf(t.db, "coordinator2");
      expect(await getPlanProgress(stranger.townId, planId)).toBeNull();
      expect(
        await enterProgress(stranger, planId, projects, {
          period: "2030-Q1",
          actual: 1,
          note: null,
          baseVersion: 0,
        }),
      ).toMatchObject({ ok: false, status: 404 });
    });
  },
  { seed: true },
);
