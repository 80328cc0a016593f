// The approval form (审批单) of a town's plan: its audit trail read for the
// form (app/export/approval-form.ts decides where each event goes), and the
// fonts the Word file prints in.
import { createHash } from "node:crypto";

import { getDb } from "~db/client";
import type { PlanState } from "~workflows/plan";

import { type ApprovalForm, buildApprovalForm, type TrailEvent } from "~/export/approval-form";
import { approvalFormFilename, renderApprovalFormDocx } from "~/export/approval-form.server";
import { fontsFromJson, type FontSettings } from "~/export/fonts";

import type { ExportFile } from "./export.server";
import { publishedCopy } from "./workflow/snapshots.server";

export type ApprovalFormFile = {
  form: ApprovalForm;
  plan: { id: string; title: string; state: PlanState };
  fonts: FontSettings;
};

/**
 * The form of the town's plan, or null when the plan is not the town's. A
 * published plan prints in the fonts kept with its 印发稿, any other in the
 * town's current ones (as the plan's own Word export does).
 */
export async function approvalFormFor(
  townId: string,
  planId: string,
): Promise<ApprovalFormFile | null> {
  const db = getDb();
  const plan = await db
    .selectFrom("plans")
    .innerJoin("towns", "towns.id", "plans.townId")
    .leftJoin("users", "users.id", "plans.createdBy")
    .leftJoin("departments", "departments.id", "users.departmentId")
    .select([
      "plans.id",
      "plans.title",
      "plans.state",
      "plans.documentNumber",
      "plans.publishedOn",
      "plans.createdAt",
      "towns.name as townName",
      "towns.exportFonts",
      "users.displayName as drafterName",
      "users.title as drafterTitle",
      "departments.name as drafterDepartment",
    ])
    .where("plans.id", "=", planId)
    .where("plans.townId", "=", townId)
    .executeTakeFirst();
  if (!plan) return null;

  const [rows, sections, copy] = await Promise.all([
    db
      .selectFrom("workflowEvents")
      .innerJoin("users", "users.id", "workflowEvents.actorId")
      .select([
        "workflowEvents.id",
        "workflowEvents.sectionId",
        "workflowEvents.subject",
        "workflowEvents.event",
        "workflowEvents.fromState as from",
        "workflowEvents.toState as to",
        "workflowEvents.reason",
        "workflowEvents.details",
        "workflowEvents.createdAt as at",
        "workflowEvents.ordinal",
        "users.displayName as actorName",
        "users.title as actorTitle",
      ])
      .where("workflowEvents.townId", "=", townId)
      .where("workflowEvents.planId", "=", planId)
      .orderBy("workflowEvents.createdAt")
      .orderBy("workflowEvents.ordinal")
      .execute(),
    db
      .selectFrom("sections")
      .leftJoin("departments", "departments.id", "sections.departmentId")
      .select(["sections.id", "departments.name as department"])
      .where("sections.townId", "=", townId)
      .where("sections.planId", "=", planId)
      .execute(),
    plan.state === "published" ? publishedCopy(townId, planId) : Promise.resolve(null),
  ]);

  const events: TrailEvent[] = rows.map(({ actorName, actorTitle, ordinal, ...row }) => ({
    ...row,
    actor: { name: actorName, title: actorTitle },
    ordinal: Number(ordinal),
  }));
  const form = buildApprovalForm({
    townName: copy?.townName ?? plan.townName,
    plan: {
      title: plan.title,
      state: plan.state,
      documentNumber: plan.documentNumber,
      publishedOn: plan.publishedOn,
      createdAt: plan.createdAt,
    },
    drafter: plan.drafterName
      ? { name: plan.drafterName, title: plan.drafterTitle, department: plan.drafterDepartment }
      : null,
    sections,
    events,
  });
  return {
    form,
    plan: { id: plan.id, title: plan.title, state: plan.state },
    fonts: copy?.fonts ?? fontsFromJson(plan.exportFonts),
  };
}

/** The form as a Word file to download: its bytes, Chinese name and SHA-256. */
export async function approvalFormFile(found: ApprovalFormFile): Promise<ExportFile> {
  const bytes = await renderApprovalFormDocx(found.form, found.fonts);
  return {
    bytes,
    filename: approvalFormFilename(found.form),
    sha256: createHash("sha256").update(bytes).digest("hex"),
    final: found.form.complete,
  };
}
