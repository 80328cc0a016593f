// What the API answers, built from the same models the pages use.
import { SECTION_KINDS } from "~templates/section-kinds";

import { fail } from "./http.server";
import { blocksOf } from "~/editor/diff";
import { type ApprovalForm, formNote, formRows } from "~/export/approval-form";
import { listCommitments } from "~/models/commitment.server";
import { getPlan, type PlanSummary } from "~/models/plan.server";
import { getSection, listSections } from "~/models/section.server";
import { getPlanProgress } from "~/models/target-progress.server";
import type { SessionUser } from "~/models/user.server";
import { planActions, sectionActions, type WorkflowAction } from "~/models/workflow/actions.server";

const enabled = (actions: WorkflowAction[]) =>
  actions.filter((a) => a.disabledReason === null).map((a) => a.type);

/** The town's plan, or 404 (another town's id looks exactly like none). */
export async function requirePlan(user: SessionUser, planId: string | undefined) {
  const plan = await getPlan(user.townId, planId ?? "");
  if (!plan) throw fail.noPlan();
  return plan;
}

export async function requireSection(user: SessionUser, sectionId: string | undefined) {
  const section = await getSection(user.townId, sectionId ?? "");
  if (!section) throw fail.noSection();
  return section;
}

export function meView(user: SessionUser) {
  return {
    id: user.id,
    username: user.username,
    name: user.displayName,
    title: user.title,
    town: { id: user.townId, name: user.townName },
    roles: user.roles,
    department: user.departmentId ? { id: user.departmentId, name: user.departmentName } : null,
  };
}

export function planSummaryView(plan: PlanSummary) {
  return { id: plan.id, year: plan.year, kind: plan.kind, title: plan.title, state: plan.state };
}

const kindOf = (kind: string) =>
  (SECTION_KINDS as readonly string[]).includes(kind) ? kind : "custom";

/** A plan with its sections and, for each, the events the caller may send now. */
export async function planView(user: SessionUser, planId: string) {
  const plan = await getPlan(user.townId, planId);
  if (!plan) return null;
  const sections = await listSections(user.townId, plan.id);
  return {
    ...planSummaryView(plan),
    version: plan.version,
    documentNumber: plan.documentNumber,
    publishedOn: plan.publishedOn,
    allowedEvents: enabled(await planActions(user, plan)),
    sections: sections.map((s) => ({
      id: s.id,
      kind: kindOf(s.kind),
      order: s.position,
      title: s.title,
      department: s.departmentName,
      leader: s.leaderName,
      deadline: s.deadline,
      state: s.state,
      version: s.version,
      placeholdersLeft: s.placeholders,
      allowedEvents: enabled(sectionActions(user, s)),
    })),
  };
}

export async function sectionView(user: SessionUser, sectionId: string) {
  const section = await getSection(user.townId, sectionId);
  if (!section) return null;
  return {
    id: section.id,
    planId: section.planId,
    kind: kindOf(section.kind),
    title: section.title,
    state: section.state,
    version: section.version,
    content: JSON.parse(section.content) as unknown,
    text: blocksOf(section.content).join("\n"),
  };
}

/** The 审批单: each part's entries (with the ids of the events they stand for) and its printed rows. */
export function approvalFormView(planId: string, form: ApprovalForm) {
  return { planId, ...form, rows: formRows(form), note: formNote(form) };
}

/** A target's (or tracked commitment's) figures by period and its 进度. */
export async function progressView(
  user: SessionUser,
  planId: string,
  targetId: string | undefined,
) {
  const target = (await getPlanProgress(user.townId, planId))?.targets.find(
    (t) => t.id === targetId,
  );
  if (!target) throw fail.notFound("该目标不存在。");
  return {
    progress: target.figures.map((f) => ({
      period: f.period,
      actual: f.actual,
      note: f.note,
      state: f.state,
      enteredBy: f.enteredByName,
      enteredAt: f.enteredAt,
      confirmedBy: f.confirmedByName,
      confirmedAt: f.confirmedAt,
      version: f.version,
    })),
    rating: target.assessment?.rating ?? null,
  };
}

export async function commitmentsView(user: SessionUser, planId: string) {
  return {
    commitments: (await listCommitments(user.townId, planId)).map((c) => ({
      id: c.id,
      section: { id: c.sectionId, title: c.sectionTitle },
      name: c.name,
      value: Number(c.value),
      unit: c.unit,
      qualifier: c.qualifier,
      department: c.departmentName,
      source: c.source,
    })),
  };
}
