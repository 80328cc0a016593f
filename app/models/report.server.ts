// The half-year report and the year-end summary, opened from a published plan
// (issue 17): a plan of its own kind, with the plan's sections drafted as
// 【】 to rewrite (app/progress/report-draft.ts) and its targets with the
// figures to date. From then on it is a plan like any other: the same
// sections → leaders → 统稿 → mayor → Party committee → 印发 and export.
import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";

import { blocksToContent } from "~/import/content.server";
import { can, type PolicyUser } from "~/policies/policy";
import {
  draftSection,
  REPORT_LABELS,
  reportFigure,
  type ReportKind,
  reportPeriod,
  reportTexts,
  reportTitle,
} from "~/progress/report-draft";

import {
  defaultDeadline,
  type CreatePlanResult,
  insertTargets,
  listTargets,
  paragraphsToContent,
} from "./plan.server";
import { editPlan, type EditResult } from "./plan-edit.server";
import { insertSection } from "./section.server";
import { getPlanProgress } from "./target-progress.server";

/** The figure of `period` or, when none was entered for it, the latest before it (with its period). */
function figureAt(figures: { period: string; actual: number }[], period: string) {
  const latest = figures.filter((f) => f.period <= period).at(-1);
  return latest ? { actual: latest.actual, asOf: latest.period } : { actual: null, asOf: null };
}

/** The town's report of `kind` for the year, if it has been opened already (one a year). */
export async function findReport(townId: string, year: number, kind: ReportKind) {
  return getDb()
    .selectFrom("plans")
    .select(["id", "title", "state"])
    .where("townId", "=", townId)
    .where("year", "=", year)
    .where("kind", "=", kind)
    .executeTakeFirst();
}

export async function createReport(
  creator: PolicyUser & { townId: string; townName: string },
  input: { kind: ReportKind; sourcePlanId: string },
  now: Date = new Date(),
): Promise<CreatePlanResult> {
  const allowed = can(creator, "plan.create", null);
  if (!allowed.ok) return { ok: false, status: 403, field: null, message: allowed.refusal.message };
  const progress = await getPlanProgress(creator.townId, input.sourcePlanId);
  if (!progress) {
    return {
      ok: false,
      status: 422,
      field: "from",
      message: "要总结的计划不存在，或不属于您所在的镇。",
    };
  }
  const { plan } = progress;
  const label = REPORT_LABELS[input.kind];
  if (plan.state !== "published") {
    return { ok: false, status: 422, field: "from", message: `计划印发后才能起草${label}。` };
  }
  if (plan.kind === "半年总结" || plan.kind === "年度总结") {
    return { ok: false, status: 422, field: "from", message: "只能从年度计划或工作要点起草总结。" };
  }
  const existing = await findReport(creator.townId, plan.year, input.kind);
  const exists: CreatePlanResult = {
    ok: false,
    status: 409,
    field: "kind",
    message: `${plan.year}年${label}已经建立，不能重复创建`,
  };
  if (existing) return exists;
  const period = reportPeriod(input.kind, plan.year, progress.periodKind);
  const rated = progress.targets.map((target) => ({
    ...target,
    ...figureAt(target.figures, period),
  }));
  // The 主要预期目标 make the report's table; tracked commitments are stated in their sections.
  const targets = rated.filter((target) => target.commitment === null);
  const db = getDb();
  const sections = await db
    .selectFrom("sections")
    .select(["id", "kind", "position", "title", "departmentId", "leaderId", "content"])
    .where("townId", "=", creator.townId)
    .where("planId", "=", plan.id)
    .orderBy("position")
    .execute();
  const texts = reportTexts(input.kind, plan.year);
  const planId = newId();
  const at = nowIso(now);
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("plans")
        .values({
          id: planId,
          townId: creator.townId,
          year: plan.year,
          kind: input.kind,
          title: reportTitle(creator.townName, plan.year, input.kind),
          state: "drafting",
          documentNumber: null,
          publishedOn: null,
          deadline: defaultDeadline(now),
          preamble: paragraphsToContent(texts.preamble.join("\n")),
          closing: paragraphsToContent(texts.closing.join("\n")),
          // The figures against the targets are the point of a report: printed as a table.
          targetsAsTable: 1,
          sourcePlanId: plan.id,
          reportPeriod: period,
          createdBy: creator.id,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      for (const { id: sourceId, ...section } of sections) {
        const own = targets.filter(
          (t) => t.departmentId !== null && t.departmentId === section.departmentId,
        );
        const commitments = rated.flatMap((t) =>
          t.commitment?.sectionId === sourceId ? [{ ...t, source: t.commitment.source }] : [],
        );
        await insertSection(trx, {
          ...section,
          planId,
          townId: creator.townId,
          deadline: defaultDeadline(now),
          content: JSON.stringify(
            blocksToContent(draftSection(section.content, input.kind, own, period, commitments)),
          ),
          author: creator.id,
          reason: `由${plan.title}起草`,
          now,
        });
      }
      await insertTargets(
        trx,
        planId,
        targets.map((target) => ({
          ...target,
          baseline: null,
          actual: target.actual === null ? null : String(target.actual),
          actualPeriod: target.asOf,
        })),
      );
    });
  } catch (error) {
    // A double click or a second tab opened it a moment ago.
    if (await findReport(creator.townId, plan.year, input.kind)) return exists;
    throw error;
  }
  return { ok: true, planId };
}

/** A report's period and its targets rated at it, for the report's page; null for a plan. */
export async function reportTargets(townId: string, planId: string) {
  const plan = await getDb()
    .selectFrom("plans")
    .select(["reportPeriod"])
    .where("id", "=", planId)
    .where("townId", "=", townId)
    .executeTakeFirst();
  const period = plan?.reportPeriod;
  if (!period) return null;
  const targets = await listTargets(townId, planId);
  return {
    period,
    targets: targets.map((target) => {
      const figure = reportFigure(target, period);
      return {
        id: target.id,
        name: target.name,
        goal: `${target.value}${target.unit}${target.qualifier ?? ""}`,
        actual: figure?.text ?? null,
        assessment: figure?.assessed ?? null,
      };
    }),
  };
}

/**
 * Copies the reported plan's latest figures (up to the report's period) into
 * the report's 主要指标完成情况 — figures entered after it was opened — at the
 * version the coordinator saw. The sections' texts are the offices' and stay.
 */
export async function refreshReportFigures(
  user: PolicyUser & { townId: string },
  reportId: string,
  baseVersion: number,
): Promise<EditResult> {
  const report = await getDb()
    .selectFrom("plans")
    .select(["sourcePlanId", "reportPeriod"])
    .where("id", "=", reportId)
    .where("townId", "=", user.townId)
    .executeTakeFirst();
  const period = report?.reportPeriod;
  const progress = report?.sourcePlanId
    ? await getPlanProgress(user.townId, report.sourcePlanId)
    : null;
  if (!period || !progress) return { ok: false, status: 404, message: "该工作总结不存在。" };
  return editPlan(user, reportId, baseVersion, "plan.edit", async (trx) => {
    for (const target of progress.targets.filter((t) => t.commitment === null)) {
      const { actual, asOf } = figureAt(target.figures, period);
      await trx
        .updateTable("targets")
        .set({ actual: actual === null ? null : String(actual), actualPeriod: asOf })
        .where("planId", "=", reportId)
        .where("name", "=", target.name)
        .where("sectionId", "is", null)
        .execute();
    }
  });
}
