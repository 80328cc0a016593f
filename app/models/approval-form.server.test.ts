import { expect, it } from "vitest";

import { demoSectionPeople } from "~db/seed-demo";
import { describeEachDialect, personOf, townIdOf } from "~db/testing";
import { newId, nowIso } from "~db/time";

import { ApprovalFormAnswer } from "~/api/responses";
import { call } from "~/api/testing";
import { markdownToContent } from "~/editor/content.server";
import { formEventIds, formRows } from "~/export/approval-form";
import { FONT_PRESETS } from "~/export/fonts";
import { today } from "~/utils/dates";
import { planEventSchema, SectionEventSchema } from "~/utils/workflow-validation";

import * as approvalApi from "~/routes/api.v1.plans.$planId.approval";

import { createToken } from "./api-token.server";
import { approvalFormFile, approvalFormFor } from "./approval-form.server";
import { setExportFonts } from "./export.server";
import { createPlan, getPlanTexts, updatePlanTexts } from "./plan.server";
import { listSections, saveSectionContent, type Editor } from "./section.server";
import { applyPlanEvent, planEventFacts } from "./workflow/plan-events.server";
import { listPlanEvents } from "./workflow/record.server";
import { applySectionEvent } from "./workflow/section-events.server";

const PEOPLE = demoSectionPeople();

describeEachDialect(
  "approval form (审批单) from the audit trail",
  (t) => {
    let planId = "";
    const as = (username: string): Promise<Editor> => personOf(t.db, username);

    async function sectionOf(kind: string) {
      const sections = await listSections((await as("coordinator")).townId, planId);
      return sections.find((s) => s.kind === kind)!;
    }

    async function sectionEvent(username: string, kind: string, fields: object) {
      const section = await sectionOf(kind);
      const input = SectionEventSchema.parse({ ...fields, baseVersion: section.version });
      const result = await applySectionEvent(await as(username), section.id, input);
      expect(result, `${username} ${JSON.stringify(fields)} on ${kind}`).toMatchObject({
        ok: true,
      });
    }

    async function write(kind: string, text: string) {
      const section = await sectionOf(kind);
      const saved = await saveSectionContent(
        await as(PEOPLE[kind as keyof typeof PEOPLE].drafter),
        section.id,
        markdownToContent(`# ${section.title}\n\n${text}`),
        section.version,
      );
      expect(saved.status).toBe("saved");
    }

    async function planEvent(username: string, fields: object) {
      const user = await as(username);
      const facts = (await planEventFacts(user.townId, planId))!;
      const { version } = await t.db
        .selectFrom("plans")
        .select("version")
        .where("id", "=", planId)
        .executeTakeFirstOrThrow();
      const input = planEventSchema(facts).parse({ ...fields, baseVersion: version });
      const result = await applyPlanEvent(user, planId, input);
      expect(result, `${username} ${JSON.stringify(fields)}`).toMatchObject({ ok: true });
    }

    it("a plan goes the whole way: returned once, approved, 统稿, mayor, committee, 印发", async () => {
      const coordinator = await as("coordinator");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2046, kind: "工作计划", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      planId = created.planId;

      for (const kind of Object.keys(PEOPLE)) {
        await write(kind, "全年引进亿元以上项目5个，完成各项目标任务。");
        await sectionEvent(PEOPLE[kind as keyof typeof PEOPLE].drafter, kind, { type: "submit" });
      }
      await sectionEvent("leader1", "economy", {
        type: "return",
        reason: "招商目标偏低，请对照县里的任务。",
      });
      await write("economy", "全年引进亿元以上项目8个，完成各项目标任务。");
      await sectionEvent("econ", "economy", { type: "submit" });
      for (const [kind, people] of Object.entries(PEOPLE)) {
        await sectionEvent(people.leader, kind, { type: "approve" });
      }

      await planEvent("coordinator", { type: "startCompiling" });
      const texts = (await getPlanTexts(coordinator.townId, planId))!;
      const edited = await updatePlanTexts(
        coordinator,
        planId,
        {
          preamble: texts.preamble.replace(/【[^】]*】/g, "全面推进乡村振兴的关键一年"),
          closing: texts.closing,
          deadline: texts.deadline,
        },
        texts.version,
      );
      expect(edited.ok).toBe(true);
      await planEvent("coordinator", { type: "submitToMayor" });
      await planEvent("mayor", { type: "approve" });
      await planEvent("secretary", {
        type: "approveWithAmendments",
        opinions: "民生实事再增加一项。",
        meetingDate: today(),
        meetingNumber: "2046年第1次党委会",
      });
      await planEvent("coordinator", { type: "finalize" });
      await planEvent("coordinator", {
        type: "publish",
        documentNumber: `示政发〔${today().slice(0, 4)}〕7号`,
        date: today(),
      });
    });

    it("lists every event of that journey once: each leader's approval, the return, the decisions", async () => {
      const { townId } = await as("econ");
      const found = await approvalFormFor(townId, planId);
      expect(found).not.toBeNull();
      const { form } = found!;
      const { events } = await listPlanEvents(townId, planId, {}, { limit: 500 });
      const shown = formEventIds(form);
      expect([...shown].sort()).toEqual(events.map((e) => e.id).sort());
      expect(new Set(shown).size).toBe(shown.length);

      expect(form).toMatchObject({
        heading: "示例镇人民政府发文审批单",
        title: "示例镇2046年工作计划",
        documentNumber: `示政发〔${today().slice(0, 4)}〕7号`,
        draftingOffice: "党政办公室",
        drafter: { name: "李静", title: "党政办主任" },
        complete: true,
      });
      // Six sections approved, each by its own leader; economy's department is its office's.
      expect(form.sectionReviews).toHaveLength(6);
      expect(form.sectionReviews.every((r) => r.outcome === "approved")).toBe(true);
      const economy = form.sectionReviews.find((r) => r.section === "经济发展")!;
      expect(economy).toMatchObject({
        department: "经济发展办公室",
        submitted: { by: { name: "王强" } },
        decided: { by: { name: "张建国", title: "副镇长" } },
      });
      expect(form.returns).toEqual([
        expect.objectContaining({
          stage: "leaderReview",
          subject: "经济发展",
          reason: "招商目标偏低，请对照县里的任务。",
          returned: expect.objectContaining({ by: { name: "张建国", title: "副镇长" } }),
        }),
      ]);
      expect(form.mayor).toEqual([
        expect.objectContaining({
          outcome: "approved",
          decided: expect.objectContaining({ by: { name: "郑海", title: "镇长" } }),
        }),
      ]);
      expect(form.committee).toEqual([
        expect.objectContaining({
          outcome: "approvedWithAmendments",
          meeting: { date: today(), number: "2046年第1次党委会" },
          opinions: "民生实事再增加一项。",
          amended: expect.objectContaining({ by: { name: "李静", title: "党政办主任" } }),
        }),
      ]);
      expect(form.publication).toMatchObject({
        date: today(),
        published: { by: { name: "李静" } },
      });
      const rows = formRows(form);
      expect(rows.find((r) => r.kind === "text" && r.label === "印发")).toBeDefined();
    });

    it("answers the API as described: every event once; another town's plan is 404", async () => {
      const econ = await as("econ");
      const { token } = await createToken(econ.id, "approval");
      const path = `/api/v1/plans/${planId}/approval`;
      const answer = await call(approvalApi, { path, params: { planId }, token });
      expect(answer.status).toBe(200);
      expect(ApprovalFormAnswer.safeParse(answer.json).success).toBe(true);
      const { events } = await listPlanEvents(econ.townId, planId, {}, { limit: 500 });
      const ids = [
        ...answer.json.sectionReviews,
        ...answer.json.compiling,
        ...answer.json.mayor,
        ...answer.json.committee,
        ...answer.json.returns,
        answer.json.publication,
        ...answer.json.corrections,
      ].flatMap((entry: { eventIds: string[] }) => entry.eventIds);
      expect([...ids].sort()).toEqual(events.map((e) => e.id).sort());
      expect(answer.json.returns[0]).toMatchObject({
        reason: "招商目标偏低，请对照县里的任务。",
        returned: { by: { name: "张建国" }, date: today() },
      });
      expect(answer.json.rows.map((r: { label?: string }) => r.label).filter(Boolean)).toContain(
        "党委会审议",
      );

      const other = await createToken((await as("coordinator2")).id, "approval");
      const refused = await call(approvalApi, { path, params: { planId }, token: other.token });
      expect(refused.status).toBe(404);
      expect(refused.json.error.message).toBe("该年度计划不存在。");
      expect((await call(approvalApi, { path, params: { planId } })).status).toBe(401);
    });

    it("downloads as a Word file named after the plan, the same bytes every time", async () => {
      const { townId } = await as("mayor");
      const one = await approvalFormFile((await approvalFormFor(townId, planId))!);
      const two = await approvalFormFile((await approvalFormFor(townId, planId))!);
      expect(one.filename).toBe("示例镇2046年工作计划审批单.docx");
      expect(one.final).toBe(true);
      expect(two.sha256).toBe(one.sha256);
      expect(one.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it("prints a published plan's form in the fonts it was published with", async () => {
      const coordinator = await as("coordinator");
      await setExportFonts(coordinator.townId, FONT_PRESETS.windows.fonts);
      try {
        const found = await approvalFormFor(coordinator.townId, planId);
        expect(found!.fonts).toEqual(FONT_PRESETS.standard.fonts);
      } finally {
        await setExportFonts(coordinator.townId, FONT_PRESETS.standard.fonts);
      }
    });

    it("is the town's own: another town's plan or an unknown id is not found, nor its events", async () => {
      const other = await as("coordinator2");
      expect(await approvalFormFor(other.townId, planId)).toBeNull();
      expect(await approvalFormFor(other.townId, "no-such-plan")).toBeNull();

      // An event written under another town's id never reaches this town's form.
      const { townId } = await as("coordinator");
      const before = formEventIds((await approvalFormFor(townId, planId))!.form);
      const forged = newId();
      await t.db
        .insertInto("workflowEvents")
        .values({
          id: forged,
          townId: await townIdOf(t.db, "另一镇"),
          planId,
          sectionId: null,
          subject: "示例镇2046年工作计划",
          actorId: other.id,
          event: "return",
          fromState: "mayorReview",
          toState: "drafting",
          reason: "不属于本镇的记录",
          details: null,
          snapshotId: null,
          createdAt: nowIso(),
        })
        .execute();
      const after = (await approvalFormFor(townId, planId))!.form;
      expect(formEventIds(after)).toEqual(before);
      expect(after.returns.map((r) => r.reason)).not.toContain("不属于本镇的记录");
    });
  },
  { seed: true },
);
