// Progress on a published plan's targets (进度报送): each target's figure per
// period, entered by its department and confirmed by the leader who oversees
// it (workflows/progress.ts), rated against the time elapsed (app/progress).
import { createHash } from "node:crypto";

import writeXlsxFile from "write-excel-file/node";

import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";
import type { PlanState } from "~workflows/plan";
import {
  PROGRESS_STATE_LABELS,
  type ProgressContext,
  type ProgressEventType,
  type ProgressState,
} from "~workflows/progress";

import {
  duePeriods,
  type Period,
  periodDue,
  type PeriodKind,
  periodLabel,
  periodOpen,
  periodsOf,
} from "~/progress/periods";
import { progressSheet } from "~/progress/progress-sheet";
import { isReportKind, REPORT_KINDS } from "~/progress/report-draft";
import { type Assessment, rate } from "~/progress/rating";
import { decideProgress, type PolicyUser, REFUSAL_STATUS } from "~/policies/policy";
import { today } from "~/utils/dates";

import { listCommitments } from "./commitment.server";
import type { ExportFile } from "./export.server";
import { listTargets } from "./plan.server";
import { recordEvent } from "./workflow/record.server";

type Editor = PolicyUser & { townId: string };

export type ProgressFigure = {
  period: Period;
  state: Exclude<ProgressState, "missing">;
  stateLabel: string;
  actual: number;
  note: string | null;
  enteredBy: string;
  enteredByName: string;
  enteredAt: string;
  confirmedByName: string | null;
  confirmedAt: string | null;
  version: number;
};

export type TargetProgress = {
  id: string;
  name: string;
  value: string;
  unit: string;
  qualifier: string | null;
  departmentId: string | null;
  departmentName: string | null;
  /** A section's commitment tracked after 印发 (not printed); null for a 主要预期目标. */
  commitment: { sectionId: string; sectionTitle: string; source: string | null } | null;
  figures: ProgressFigure[];
  /** The rating of the latest figure (to date), or null before the first. */
  assessment: (Assessment & { period: Period; actual: number }) | null;
  /** Last year's figures of the target of the same name, where its plan had them. */
  lastYear: { period: Period; actual: number }[];
  /** The facts the machine decides this target's figures from. */
  context: Omit<ProgressContext, "enteredBy">;
};

export type PlanProgress = {
  plan: { id: string; title: string; year: number; kind: string; state: PlanState };
  periodKind: PeriodKind;
  periods: Period[];
  targets: TargetProgress[];
};

export async function getProgressPeriod(townId: string): Promise<PeriodKind> {
  const town = await getDb()
    .selectFrom("towns")
    .select("progressPeriod")
    .where("id", "=", townId)
    .executeTakeFirst();
  return town?.progressPeriod ?? "quarter";
}

export async function setProgressPeriod(townId: string, kind: PeriodKind): Promise<void> {
  await getDb()
    .updateTable("towns")
    .set({ progressPeriod: kind })
    .where("id", "=", townId)
    .execute();
}

async function figuresOf(townId: string, planIds: string[]) {
  if (planIds.length === 0) return [];
  return getDb()
    .selectFrom("targetProgress")
    .innerJoin("users as enterer", "enterer.id", "targetProgress.enteredBy")
    .leftJoin("users as confirmer", "confirmer.id", "targetProgress.confirmedBy")
    .select([
      "targetProgress.planId",
      "targetProgress.targetId",
      "targetProgress.period",
      "targetProgress.state",
      "targetProgress.actual",
      "targetProgress.note",
      "targetProgress.enteredBy",
      "enterer.displayName as enteredByName",
      "targetProgress.enteredAt",
      "confirmer.displayName as confirmedByName",
      "targetProgress.confirmedAt",
      "targetProgress.version",
    ])
    .where("targetProgress.townId", "=", townId)
    .where("targetProgress.planId", "in", planIds)
    .orderBy("targetProgress.period")
    .execute();
}

/** The leaders of a plan's sections, by the department each section belongs to. */
async function leadersByDepartment(townId: string, planId: string) {
  const rows = await getDb()
    .selectFrom("sections")
    .select(["departmentId", "leaderId"])
    .where("townId", "=", townId)
    .where("planId", "=", planId)
    .execute();
  const leaders = new Map<string, string[]>();
  for (const { departmentId, leaderId } of rows) {
    if (!departmentId || !leaderId) continue;
    const list = leaders.get(departmentId) ?? [];
    if (!list.includes(leaderId)) list.push(leaderId);
    leaders.set(departmentId, list);
  }
  return leaders;
}

/** Every target of the plan with its figures, rating and last year's line; null when not the town's. */
export async function getPlanProgress(
  townId: string,
  planId: string,
): Promise<PlanProgress | null> {
  const db = getDb();
  const plan = await db
    .selectFrom("plans")
    .select(["id", "title", "year", "kind", "state"])
    .where("id", "=", planId)
    .where("townId", "=", townId)
    .executeTakeFirst();
  if (!plan) return null;
  const lastPlan = await db
    .selectFrom("plans")
    .select("id")
    .where("townId", "=", townId)
    .where("year", "=", plan.year - 1)
    .where("kind", "=", plan.kind)
    .executeTakeFirst();
  const [periodKind, planTargets, commitments, leaders, figures, lastTargets] = await Promise.all([
    getProgressPeriod(townId),
    listTargets(townId, planId),
    listCommitments(townId, planId),
    leadersByDepartment(townId, planId),
    figuresOf(townId, lastPlan ? [planId, lastPlan.id] : [planId]),
    lastPlan ? listTargets(townId, lastPlan.id) : Promise.resolve([]),
  ]);
  const lastYearByName = new Map(lastTargets.map((t) => [t.name, t.id]));
  // A target is confirmed by the leaders of its office's sections; a commitment by its section's.
  const targets = [
    ...planTargets.map((target) => ({
      ...target,
      commitment: null,
      leaderIds: target.departmentId ? (leaders.get(target.departmentId) ?? []) : [],
    })),
    ...commitments.map(({ sectionId, sectionTitle, source, leaderId, ...target }) => ({
      ...target,
      commitment: { sectionId, sectionTitle, source },
      leaderIds: leaderId ? [leaderId] : [],
    })),
  ];
  return {
    plan,
    periodKind,
    periods: periodsOf(plan.year, periodKind),
    targets: targets.map((target) => {
      const own: ProgressFigure[] = figures
        .filter((f) => f.targetId === target.id)
        .map((f) => ({
          period: f.period,
          state: f.state,
          stateLabel: PROGRESS_STATE_LABELS[f.state],
          actual: Number(f.actual),
          note: f.note,
          enteredBy: f.enteredBy,
          enteredByName: f.enteredByName,
          enteredAt: f.enteredAt,
          confirmedByName: f.confirmedByName ?? null,
          confirmedAt: f.confirmedAt,
          version: f.version,
        }));
      const latest = own.at(-1);
      const lastYearId = lastYearByName.get(target.name);
      return {
        id: target.id,
        name: target.name,
        value: target.value,
        unit: target.unit,
        qualifier: target.qualifier,
        departmentId: target.departmentId,
        departmentName: target.departmentName ?? null,
        commitment: target.commitment,
        figures: own,
        assessment: latest
          ? {
              ...rate(target, latest.period, latest.actual),
              period: latest.period,
              actual: latest.actual,
            }
          : null,
        lastYear: figures
          .filter((f) => lastYearId !== undefined && f.targetId === lastYearId)
          .map((f) => ({ period: f.period, actual: Number(f.actual) })),
        context: {
          departmentId: target.departmentId,
          leaderIds: target.leaderIds,
          planState: plan.state,
        },
      };
    }),
  };
}

/** The machine's subject for one figure: its stored state (missing before entry) and facts. */
export function figureSubject(target: TargetProgress, period: Period) {
  const figure = target.figures.find((f) => f.period === period);
  return {
    state: (figure?.state ?? "missing") as ProgressState,
    context: { ...target.context, enteredBy: figure?.enteredBy ?? null },
  };
}

export type ProgressResult =
  | { ok: true; figure: ProgressFigure }
  | { ok: false; status: 403 | 404 | 409 | 422; message: string };

const STALE = "该数字已被他人修改，请刷新页面查看最新数字后再操作。";

async function loadFigure(user: Editor, planId: string, targetId: string) {
  const progress = await getPlanProgress(user.townId, planId);
  const target = progress?.targets.find((t) => t.id === targetId);
  // A report's targets carry the figures it was drafted with; figures are a plan's.
  if (!progress || !target || isReportKind(progress.plan.kind)) return null;
  return { progress, target };
}

function refusedBy(user: Editor, type: ProgressEventType, target: TargetProgress, period: Period) {
  const decision = decideProgress(user, type, figureSubject(target, period));
  if (decision.ok) return null;
  return {
    ok: false as const,
    status: REFUSAL_STATUS[decision.refusal.code],
    message: decision.refusal.message,
  };
}

/**
 * Enters (or corrects) a target's figure for a period: to be confirmed again.
 * `baseVersion` is the version the person saw (0: no figure yet); a figure
 * changed meanwhile is refused with 409.
 */
export async function enterProgress(
  user: Editor,
  planId: string,
  targetId: string,
  input: { period: Period; actual: number; note: string | null; baseVersion: number },
  now: Date = new Date(),
): Promise<ProgressResult> {
  const found = await loadFigure(user, planId, targetId);
  if (!found) return { ok: false, status: 404, message: "该目标不存在，或不属于您所在的镇。" };
  const { progress, target } = found;
  const refused = refusedBy(user, "enter", target, input.period);
  if (refused) return refused;
  const closed = periodOpen(input.period, progress.plan.year, progress.periodKind, today(now));
  if (closed) return { ok: false, status: 422, message: closed };
  const existing = target.figures.find((f) => f.period === input.period);
  if ((existing?.version ?? 0) !== input.baseVersion) {
    return { ok: false, status: 409, message: STALE };
  }
  const at = nowIso(now);
  const values = {
    state: "entered" as const,
    actual: String(input.actual),
    note: input.note,
    enteredBy: user.id,
    enteredAt: at,
    confirmedBy: null,
    confirmedAt: null,
  };
  const db = getDb();
  if (existing) {
    const updated = await db
      .updateTable("targetProgress")
      .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
      .where("townId", "=", user.townId)
      .where("targetId", "=", targetId)
      .where("period", "=", input.period)
      .where("version", "=", input.baseVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, status: 409, message: STALE };
  } else {
    try {
      await db
        .insertInto("targetProgress")
        .values({
          id: newId(),
          townId: user.townId,
          planId,
          targetId,
          period: input.period,
          ...values,
        })
        .execute();
    } catch {
      // The same figure entered at the same moment in another tab: the unique key keeps one.
      return { ok: false, status: 409, message: STALE };
    }
  }
  return figureAfter(user, planId, targetId, input.period);
}

/** The leader confirms a figure as entered; a figure changed since they saw it is refused (409). */
export async function confirmProgress(
  user: Editor,
  planId: string,
  targetId: string,
  input: { period: Period; baseVersion: number },
  now: Date = new Date(),
): Promise<ProgressResult> {
  const found = await loadFigure(user, planId, targetId);
  if (!found) return { ok: false, status: 404, message: "该目标不存在，或不属于您所在的镇。" };
  const refused = refusedBy(user, "confirm", found.target, input.period);
  if (refused) return refused;
  const updated = await getDb()
    .updateTable("targetProgress")
    .set((eb) => ({
      state: "confirmed" as const,
      confirmedBy: user.id,
      confirmedAt: nowIso(now),
      version: eb("version", "+", 1),
    }))
    .where("townId", "=", user.townId)
    .where("targetId", "=", targetId)
    .where("period", "=", input.period)
    .where("version", "=", input.baseVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return { ok: false, status: 409, message: STALE };
  return figureAfter(user, planId, targetId, input.period);
}

async function figureAfter(
  user: Editor,
  planId: string,
  targetId: string,
  period: Period,
): Promise<ProgressResult> {
  const found = await loadFigure(user, planId, targetId);
  const figure = found?.target.figures.find((f) => f.period === period);
  return figure ? { ok: true, figure } : { ok: false, status: 409, message: STALE };
}

/**
 * 党政办's 催办 of a late figure: on the plan's record (审核记录), and on the
 * office's 待办 item until the figure is entered.
 */
export async function remindProgress(
  user: Editor,
  planId: string,
  targetId: string,
  period: Period,
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; status: 403 | 404 | 409 | 422; message: string }> {
  const found = await loadFigure(user, planId, targetId);
  if (!found) return { ok: false, status: 404, message: "该目标不存在，或不属于您所在的镇。" };
  const refused = refusedBy(user, "remind", found.target, period);
  if (refused) return refused;
  if (!(periodDue(period) < today(now)) || !found.progress.periods.includes(period)) {
    return {
      ok: false,
      status: 409,
      message: `${periodLabel(period)}的数字尚未逾期，不需要催办。`,
    };
  }
  await recordEvent(getDb(), {
    townId: user.townId,
    planId,
    sectionId: null,
    subject: `${found.target.name}（${periodLabel(period)}）`,
    actorId: user.id,
    event: "remind",
    from: found.progress.plan.state,
    to: found.progress.plan.state,
    details: { targetId, period },
    at: nowIso(now),
  });
  return { ok: true };
}

/** The last 催办 of each late figure (key "targetId:period") of the plans. */
async function progressReminders(townId: string, planIds: string[]) {
  const found = new Map<string, { by: string; at: string }>();
  if (planIds.length === 0) return found;
  const events = await getDb()
    .selectFrom("workflowEvents")
    .innerJoin("users", "users.id", "workflowEvents.actorId")
    .select(["workflowEvents.details", "workflowEvents.createdAt", "users.displayName"])
    .where("workflowEvents.townId", "=", townId)
    .where("workflowEvents.planId", "in", planIds)
    .where("workflowEvents.sectionId", "is", null)
    .where("workflowEvents.event", "=", "remind")
    .orderBy("workflowEvents.createdAt")
    .execute();
  for (const event of events) {
    const details = JSON.parse(event.details ?? "{}") as { targetId?: string; period?: string };
    if (details.targetId && details.period) {
      found.set(`${details.targetId}:${details.period}`, {
        by: event.displayName,
        at: event.createdAt,
      });
    }
  }
  return found;
}

export type ProgressTodo = {
  key: string;
  href: string;
  title: string;
  planTitle: string;
  todo: string;
  period: Period;
  /** The day the figure was due (late ones only). */
  due: string | null;
  /** 党政办's last 催办 of a late figure. */
  reminder: { by: string; at: string } | null;
};

/**
 * 待办 of progress: for a department, the figures of its targets that are
 * late (due and not entered); for a leader, figures waiting for confirmation.
 * As the machine decides: only those this person may enter or confirm.
 */
export async function listProgressTodo(
  user: Editor,
  now: Date = new Date(),
): Promise<ProgressTodo[]> {
  const day = today(now);
  // This year's plan and last year's (its year-end figures are due in January); older
  // plans' gaps are history, not work.
  const plans = await getDb()
    .selectFrom("plans")
    .select(["id"])
    .where("townId", "=", user.townId)
    .where("state", "=", "published")
    .where("year", ">=", Number(day.slice(0, 4)) - 1)
    .where("kind", "not in", [...REPORT_KINDS])
    .execute();
  const items: ProgressTodo[] = [];
  const reminders = await progressReminders(
    user.townId,
    plans.map((plan) => plan.id),
  );
  for (const { id } of plans) {
    const progress = await getPlanProgress(user.townId, id);
    if (!progress) continue;
    const href = `/plans/${id}/progress`;
    const late = duePeriods(progress.plan.year, progress.periodKind, day);
    for (const target of progress.targets) {
      for (const period of late) {
        if (target.figures.some((f) => f.period === period)) continue;
        if (!decideProgress(user, "enter", figureSubject(target, period)).ok) continue;
        items.push({
          key: `${target.id}:${period}`,
          href,
          title: target.name,
          planTitle: progress.plan.title,
          todo: "进度逾期未报送",
          period,
          due: periodDue(period),
          reminder: reminders.get(`${target.id}:${period}`) ?? null,
        });
      }
      for (const figure of target.figures) {
        if (figure.state !== "entered") continue;
        if (!decideProgress(user, "confirm", figureSubject(target, figure.period)).ok) continue;
        items.push({
          key: `${target.id}:${figure.period}`,
          href,
          title: target.name,
          planTitle: progress.plan.title,
          todo: "待确认进度",
          period: figure.period,
          due: null,
          reminder: null,
        });
      }
    }
  }
  return items;
}

/** Every target's 进度 across the year as an .xlsx (名 "示例镇2027年工作计划目标进度.xlsx"). */
export async function progressWorkbook(townId: string, planId: string): Promise<ExportFile | null> {
  const progress = await getPlanProgress(townId, planId);
  if (!progress) return null;
  const { header, rows } = progressSheet(progress.targets, progress.periods);
  const bold = (value: string) => ({ value, fontWeight: "bold" as const, wrap: true });
  const data = [
    [
      {
        value: `${progress.plan.title}目标进度`,
        fontWeight: "bold" as const,
        columnSpan: header.length,
      },
    ],
    header.map(bold),
    ...rows.map((row) => row.map((cell) => ({ value: cell.number ?? cell.text }))),
  ];
  const buffer = await writeXlsxFile(data, {
    sheet: "目标进度",
    columns: header.map((title, i) => ({ width: i === 1 ? 28 : Math.max(8, title.length * 2) })),
  }).toBuffer();
  const bytes = new Uint8Array(buffer);
  return {
    bytes,
    filename: `${progress.plan.title}目标进度.xlsx`,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    final: progress.plan.state === "published",
  };
}
