import { readFileSync } from "node:fs";
import { join } from "node:path";

import { expect, it } from "vitest";

import { describeEachDialect, personOf } from "~db/testing";

import { call } from "~/api/testing";
import { readPlan } from "~/import/plan-text";
import { createToken } from "~/models/api-token.server";
import * as importRoute from "~/routes/api.v1.plans.import";

import { confirmImport } from "./plan-import.server";
import { createPlan, listTargets } from "./plan.server";
import { getSection, listSections } from "./section.server";

const webPage = readFileSync(join(__dirname, "../import/fixtures/web-page.txt"), "utf8");

describeEachDialect(
  "importing a plan",
  (t) => {
    it("makes a plan in 起草中 with the sections, kinds, assignments, content and targets read", async () => {
      const coordinator = { ...(await personOf(t.db, "coordinator")), townName: "示例镇" };
      const preview = readPlan(webPage);
      const created = await createPlan(coordinator, {
        year: 2033,
        kind: "工作计划",
        from: "import",
        imported: preview,
      });
      expect(created.ok).toBe(true);
      const planId = created.ok ? created.planId : "";
      const plan = await t.db
        .selectFrom("plans")
        .select(["state", "preamble", "closing"])
        .where("id", "=", planId)
        .executeTakeFirstOrThrow();
      expect(plan.state).toBe("drafting");
      expect(plan.preamble).toContain("坚持稳中求进");
      expect(plan.closing).toContain("确保全年各项目标任务圆满完成");

      const sections = await listSections(coordinator.townId, planId);
      expect(sections.map((s) => [s.position, s.kind, s.title])).toEqual([
        [1, "economy", "聚力项目建设，增强经济发展新动能"],
        [2, "agriculture", "推进乡村振兴，建设宜居宜业和美乡村"],
        [3, "urban", "提升城镇品质，完善基础设施"],
        [4, "ecology", "守护绿水青山，持续改善生态环境"],
        [5, "livelihood", "办好民生实事，增进群众福祉"],
        [6, "governance", "加强基层治理，全面从严管党治党"],
      ]);
      // Each goes to the office and leader the town assigns its kind to.
      expect(sections[0]).toMatchObject({ departmentName: "经济发展办公室", leaderName: "张建国" });
      const economy = (await getSection(coordinator.townId, sections[0]!.id))!;
      const content = JSON.parse(economy.content) as {
        root: { children: { type: string; tag?: string }[] };
      };
      expect(content.root.children.map((b) => b.tag ?? b.type)).toEqual([
        "h1",
        "paragraph",
        "h2",
        "paragraph",
        "h2",
        "paragraph",
      ]);
      expect(economy.characters).toBeGreaterThan(80);

      const targets = await listTargets(coordinator.townId, planId);
      expect(targets.map((x) => [x.name, x.value, x.unit, x.qualifier])).toEqual([
        ["地方生产总值增长", "6", "%", null],
        ["一般公共预算收入增长", "6", "%", "以上"],
        ["规上工业增加值增长", "8", "%", "左右"],
        ["城镇登记失业率控制在", "3", "%", "以内"],
        ["完成固定资产投资", "5.5", "亿元", null],
        ["新增市场主体达到", "120", "个", null],
      ]);
    });

    it("refuses a second plan for the same year and kind, and an import with no sections", async () => {
      const coordinator = { ...(await personOf(t.db, "coordinator")), townName: "示例镇" };
      const again = await createPlan(coordinator, {
        year: 2033,
        kind: "工作计划",
        from: "import",
        imported: readPlan(webPage),
      });
      expect(again).toMatchObject({ ok: false, status: 409 });
      const empty = await createPlan(coordinator, {
        year: 2034,
        kind: "工作计划",
        from: "import",
        imported: readPlan("没有编号的一段文字。"),
      });
      expect(empty).toMatchObject({ ok: false, status: 422 });
      const agri = { ...(await personOf(t.db, "agri")), townName: "示例镇" };
      expect(
        await createPlan(agri, {
          year: 2035,
          kind: "工作计划",
          from: "import",
          imported: readPlan(webPage),
        }),
      ).toMatchObject({ ok: false, status: 403 });
    });

    it("confirming takes the kinds, assignments and targets chosen, and refuses another town's ids", async () => {
      const coordinator = { ...(await personOf(t.db, "coordinator")), townName: "示例镇" };
      const leader3 = await personOf(t.db, "leader3");
      const source = JSON.stringify({ text: webPage });
      const choices = {
        kinds: ["economy", "custom"],
        departments: ["", ""],
        leaders: ["", leader3.id],
        targets: [
          { name: "地方生产总值增长", value: "6.5", unit: "%", qualifier: "左右" as const },
          { name: "一般公共预算收入增长", value: "6", unit: "%", qualifier: null },
        ],
        keep: [0],
      };
      const foreign = await personOf(t.db, "coordinator2");
      expect(
        await confirmImport(coordinator, {
          year: 2037,
          kind: "工作计划",
          source,
          ...choices,
          departments: [foreign.departmentId ?? "x", ""],
        }),
      ).toMatchObject({ ok: false, status: 422, message: expect.stringContaining("起草科室") });
      const made = await confirmImport(coordinator, {
        year: 2037,
        kind: "工作计划",
        source,
        ...choices,
      });
      expect(made.ok).toBe(true);
      const planId = made.ok ? made.planId : "";
      const sections = await listSections(coordinator.townId, planId);
      expect(sections[1]).toMatchObject({ kind: "custom", leaderName: "吴志远" });
      const targets = await listTargets(coordinator.townId, planId);
      expect(targets.map((x) => [x.name, x.value, x.qualifier])).toEqual([
        ["地方生产总值增长", "6.5", "左右"],
      ]);
    });

    it("through the API: dryRun answers the preview and stores nothing; then the plan is made", async () => {
      const { token } = await createToken((await personOf(t.db, "coordinator")).id, "导入");
      const upload = (fields: Record<string, string>, file?: File) => {
        const form = new FormData();
        for (const [key, value] of Object.entries(fields)) form.append(key, value);
        if (file) form.append("file", file);
        return call(importRoute, { method: "POST", path: "/api/v1/plans/import", token, form });
      };
      const gb18030 = readFileSync(join(__dirname, "../import/fixtures/web-page.gb18030.txt"));
      const file = new File([gb18030], "2027年计划.txt", { type: "text/plain" });
      const count = async () =>
        (
          await t.db
            .selectFrom("plans")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n;
      const before = await count();

      const dry = await upload({ kind: "工作计划", year: "2036", dryRun: "true" }, file);
      expect(dry.status).toBe(200);
      expect(dry.json).toMatchObject({
        title: "示例镇2027年工作计划",
        year: 2027,
        kind: "工作计划",
      });
      expect(dry.json.sections).toHaveLength(6);
      expect(dry.json.sections[0]).toMatchObject({
        kind: "economy",
        title: "聚力项目建设，增强经济发展新动能",
      });
      expect(dry.json.targets).toHaveLength(6);
      expect(Number(await count())).toBe(Number(before));

      const made = await upload({ kind: "工作计划", year: "2036" }, file);
      expect(made.status).toBe(201);
      expect(made.json).toMatchObject({ year: 2036, state: "drafting" });
      expect(made.json.sections).toHaveLength(6);
      expect((await upload({ kind: "工作计划", year: "2036" }, file)).status).toBe(409);

      const wrong = await upload({ kind: "工作计划" }, new File(["x"], "照片.png"));
      expect(wrong.status).toBe(422);
      expect(wrong.json.error.message).toContain("只能导入 .docx 或 .txt");
      const json = await call(importRoute, {
        method: "POST",
        path: "/api/v1/plans/import",
        token,
        body: { kind: "工作计划" },
      });
      expect(json.status).toBe(415);
    });
  },
  { seed: true },
);
