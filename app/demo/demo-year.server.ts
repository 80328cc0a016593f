// The demo town's plan for this year, walked the way a town walks it: the
// offices write their sections (the templates filled in with 示例镇's own
// figures), the leaders approve them, 党政办 compiles, the mayor and the
// Party committee approve, 党政办 issues it; then every quarter that has
// ended has its figures entered and confirmed, and three of the sections'
// commitments are tracked. Seeded once, into a fresh demo database, so that
// the progress pages and the half-year report have something true to show.
import { getDb } from "~db/client";
import { DEMO_TOWNS, personOf } from "~db/seed-demo";

import { commitmentProposals, trackCommitment } from "~/models/commitment.server";
import {
  createPlan,
  getPlanTexts,
  listTargets,
  replaceTargets,
  updatePlanTexts,
} from "~/models/plan.server";
import { getSection, listSections, saveSectionContent } from "~/models/section.server";
import { confirmProgress, enterProgress, getPlanProgress } from "~/models/target-progress.server";
import { applyPlanEvent, planEventFacts } from "~/models/workflow/plan-events.server";
import { applySectionEvent } from "~/models/workflow/section-events.server";
import { periodDue, periodsOf } from "~/progress/periods";
import { today } from "~/utils/dates";
import { planEventSchema, SectionEventSchema } from "~/utils/workflow-validation";

/** What 示例镇 writes where the templates leave a 【】. */
export const DEMO_FILL: Record<string, string> = {
  "本年度在上级部署中的定位，如“十五五”规划实施的关键一年": "全面落实“十五五”规划的关键一年",
  本镇发展定位: "建设工贸强镇、农业大镇、宜居新镇",
  本年度工作主线: "项目建设、乡村振兴和民生改善",
  园区名称: "示例镇新材料产业园",
  园区基础设施投资额: "3000",
  主导产业: "新材料、食品加工",
  全年计划引进过亿元项目数量: "5",
  在谈重点项目名称: "功能薄膜、冷链物流",
  重点项目数量: "12",
  新开工项目数量: "6",
  竣工项目数量: "4",
  固定资产投资额: "8.5",
  问题办结时限: "一周",
  走访企业次数: "300",
  粮食播种面积: "52000",
  新建高标准农田面积: "3000",
  特色农产品名称: "富硒小麦、设施蔬菜",
  新培育经营主体数量: "8",
  集体经济收入标准: "20",
  达标村数量: "12",
  农村改革事项: "农村集体产权制度改革",
  新增流转面积: "2000",
  重点整治对象: "建筑工地扬尘和露天焚烧",
  空气质量优良天数比例: "75",
  河道名称: "清水河",
  水质目标类别: "Ⅳ",
  整治企业数量: "15",
  植树造林面积: "800",
  口袋公园数量: "3",
  森林村居数量: "6",
  重点行业领域: "危险化学品、建筑施工、城镇燃气",
  应急演练次数: "10",
  信访积案化解数量: "6",
  基层治理品牌: "“和美示例”网格化治理",
  党建提升行动名称: "“先锋示例”党建提升行动",
  党员培训期数: "4",
  警示教育次数: "4",
  考核办法名称: "重点工作月调度、季评比、年考核",
  帮扶活动次数: "12",
  学校名称: "示例镇中心小学",
  村卫生室数量: "5",
  养老保险参保率: "95",
  幸福食堂数量: "4",
  技能培训人次: "600",
  文化活动场次: "120",
  规划名称: "示例镇国土空间规划",
  重点建设片区: "老街片区",
  农村公路里程: "12",
  桥梁或路段名称: "清水河大桥维修加固",
  新建停车场数量: "2",
  棚户区或老旧小区名称: "供销社家属院老旧小区",
  危房改造户数: "20",
};

/** Fills every 【name】 the demo knows; one it does not know is left for the reader to see. */
export function fillDemo(text: string): string {
  return text.replace(/【([^】]*)】/g, (whole, name: string) => DEMO_FILL[name] ?? whole);
}

/** 主要预期目标 with 上年实际 and the office that reports each. */
const TARGETS = [
  ["地区生产总值增长", "6", "%", "以上", "5.8", "经济发展办公室"],
  ["一般公共预算收入增长", "5", "%", "以上", "4.2", "经济发展办公室"],
  ["规上工业增加值增长", "8", "%", null, "7.5", "经济发展办公室"],
  ["固定资产投资增长", "10", "%", null, "9.6", "经济发展办公室"],
  ["农村居民人均可支配收入增长", "7", "%", "左右", "6.9", "农业农村办公室"],
] as const;

/** The figure to date at the end of each quarter: rates so far, amounts cumulative. */
const FIGURES: Record<string, [number, number, number, number]> = {
  地区生产总值增长: [5.6, 6.0, 6.2, 6.3],
  一般公共预算收入增长: [3.8, 4.6, 5.1, 5.4],
  规上工业增加值增长: [8.5, 8.9, 8.6, 8.8],
  固定资产投资增长: [6.0, 8.2, 9.1, 10.4],
  农村居民人均可支配收入增长: [6.8, 7.0, 7.1, 7.2],
  引进过亿元项目: [1, 2, 4, 5],
  新建高标准农田: [0, 1800, 3000, 3000],
  新建改建农村公路: [1.5, 5, 9.5, 12],
};

/** The sections' commitments 党政办 tracks after 印发 (names as found in the text). */
const TRACKED = ["引进过亿元项目", "新建高标准农田", "新建改建农村公路"];

type Person = Awaited<ReturnType<typeof personOf>>;

/** A step that must succeed: the demo stops with what failed, never half-seeded in silence. */
function check<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`演示数据：${what}失败：${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/**
 * Walks 示例镇's plan for the Beijing year of `now` to 印发 and through the
 * quarters that have ended. Call it on a freshly seeded demo database only.
 */
export async function seedDemoYear(now: Date = new Date()): Promise<{ planId: string }> {
  const year = Number(today(now).slice(0, 4));
  // Each step on its day of the usual calendar, never after `now` (early January compresses).
  const on = (day: string, hour = 9) =>
    new Date(Math.min(Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00+08:00`), +now));
  const db = getDb();
  /** The one who acts: an office's drafter, or the user of an id (a leader). */
  const userBy = async (column: "departmentId" | "id", value: string | null) => {
    const user = await db
      .selectFrom("users")
      .select("username")
      .where(column, "=", value ?? "")
      .executeTakeFirstOrThrow();
    return personOf(db, user.username);
  };
  const coordinator = await personOf(db, "coordinator");
  const townName = DEMO_TOWNS[0]!.name;
  const { planId } = check(
    await createPlan(
      { ...coordinator, townName },
      { year, kind: "工作计划", from: "templates" },
      on(`${year - 1}-12-01`),
    ),
    "创建计划",
  );

  // The offices write, the leaders approve.
  for (const summary of await listSections(coordinator.townId, planId)) {
    const section = (await getSection(coordinator.townId, summary.id))!;
    const drafter = await userBy("departmentId", section.departmentId);
    const saved = await saveSectionContent(
      drafter,
      section.id,
      JSON.parse(fillDemo(section.content)),
      section.version,
      { now: on(`${year - 1}-12-10`) },
    );
    if (saved.status !== "saved") throw new Error(`演示数据：保存${section.title}失败`);
    const sectionEvent = async (person: Person, type: string, day: string) => {
      const current = (await getSection(coordinator.townId, section.id))!;
      const input = SectionEventSchema.parse({ type, baseVersion: current.version });
      check(await applySectionEvent(person, section.id, input, on(day)), type);
    };
    await sectionEvent(drafter, "submit", `${year - 1}-12-12`);
    await sectionEvent(await userBy("id", section.leaderId), "approve", `${year - 1}-12-16`);
  }

  // 党政办 sets the targets and the plan's own text, then the plan goes up.
  const departments = new Map(
    (
      await db
        .selectFrom("departments")
        .select(["id", "name"])
        .where("townId", "=", coordinator.townId)
        .execute()
    ).map((d) => [d.name, d.id]),
  );
  const planVersion = async () =>
    (
      await db
        .selectFrom("plans")
        .select("version")
        .where("id", "=", planId)
        .executeTakeFirstOrThrow()
    ).version;
  check(
    await replaceTargets(
      coordinator,
      planId,
      TARGETS.map(([name, value, unit, qualifier, baseline, office]) => ({
        name,
        value,
        unit,
        qualifier,
        baseline,
        departmentId: departments.get(office) ?? null,
      })),
      await planVersion(),
    ),
    "填写主要预期目标",
  );
  const planEvent = async (username: string, fields: object, day: string) => {
    const at = on(day, 15);
    const facts = (await planEventFacts(coordinator.townId, planId, at))!;
    const input = planEventSchema(facts).parse({ ...fields, baseVersion: await planVersion() });
    check(await applyPlanEvent(await personOf(db, username), planId, input, at), input.type);
  };
  await planEvent("coordinator", { type: "startCompiling" }, `${year - 1}-12-18`);
  const texts = (await getPlanTexts(coordinator.townId, planId))!;
  check(
    await updatePlanTexts(
      coordinator,
      planId,
      { preamble: fillDemo(texts.preamble), closing: fillDemo(texts.closing), deadline: null },
      texts.version,
    ),
    "修改形势与总体要求",
  );
  await planEvent("coordinator", { type: "submitToMayor" }, `${year - 1}-12-20`);
  await planEvent("mayor", { type: "approve" }, `${year - 1}-12-24`);
  const committee = today(on(`${year}-02-06`));
  await planEvent(
    "secretary",
    { type: "approve", meetingDate: committee, meetingNumber: `${year}年第2次党委会` },
    `${year}-02-06`,
  );
  const issued = today(on(`${year}-02-16`));
  await planEvent(
    "coordinator",
    { type: "publish", documentNumber: `示政发〔${issued.slice(0, 4)}〕3号`, date: issued },
    `${year}-02-16`,
  );

  // Three of the sections' commitments are followed like targets.
  const proposals = (await commitmentProposals(coordinator.townId, planId)).flatMap((section) =>
    section.proposals.map((guess) => ({ ...guess, sectionId: section.sectionId })),
  );
  for (const name of TRACKED) {
    const guess = proposals.find((p) => p.name === name);
    if (!guess) throw new Error(`演示数据：各章节中没有找到“${name}”`);
    check(
      await trackCommitment(coordinator, planId, { ...guess, source: guess.sentence }),
      `跟踪${name}`,
    );
  }

  // Every quarter that has ended: entered before the 10th, confirmed by the leader.
  const progress = (await getPlanProgress(coordinator.townId, planId))!;
  for (const [index, period] of periodsOf(year, "quarter").entries()) {
    const due = periodDue(period);
    const enteredAt = new Date(Date.parse(`${due}T10:00:00+08:00`) - 4 * 86_400_000);
    const confirmedAt = new Date(enteredAt.getTime() + 86_400_000);
    if (confirmedAt > now) break;
    for (const target of progress.targets) {
      const actual = FIGURES[target.name]?.[index];
      if (actual === undefined) continue;
      const entered = check(
        await enterProgress(
          await userBy("departmentId", target.departmentId),
          planId,
          target.id,
          { period, actual, note: null, baseVersion: 0 },
          enteredAt,
        ),
        `报送${target.name}`,
      );
      check(
        await confirmProgress(
          await userBy("id", target.context.leaderIds[0] ?? null),
          planId,
          target.id,
          { period, baseVersion: entered.figure.version },
          confirmedAt,
        ),
        `确认${target.name}`,
      );
    }
  }
  // The targets as printed: checked so that a template change cannot empty the demo silently.
  if ((await listTargets(coordinator.townId, planId)).length !== TARGETS.length) {
    throw new Error("演示数据：主要预期目标不完整");
  }
  return { planId };
}
