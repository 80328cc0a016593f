import { data, redirect } from "@remix-run/node";

import { EVENT_PAST_LABELS } from "~workflows/labels";

import { type ApplyResult, applyPlanEvent, applySectionEvent } from "~/models/workflow.server";
import type { SessionUser } from "~/utils/auth.server";

import { setFlash } from "./session.server";
import { eventFields, PlanEventSchema, SectionEventSchema } from "./workflow-validation";

export type WorkflowActionData = { workflowError: string };

async function answer(request: Request, result: ApplyResult, type: string, back: string) {
  if (!result.ok) {
    return data<WorkflowActionData>({ workflowError: result.message }, { status: result.status });
  }
  await setFlash(request, `已${EVENT_PAST_LABELS[type] ?? "完成"}。`);
  return redirect(back);
}

function invalid(message: string | undefined) {
  return data<WorkflowActionData>(
    { workflowError: message ?? "参数有误，请刷新页面后重试。" },
    { status: 422 },
  );
}

/** A section event posted from a page (the form's intent is "event"). */
export async function postSectionEvent(
  request: Request,
  user: SessionUser,
  sectionId: string,
  formData: FormData,
  back: string,
) {
  const parsed = SectionEventSchema.safeParse(eventFields(formData));
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const result = await applySectionEvent(user, sectionId, parsed.data);
  return answer(request, result, parsed.data.type, back);
}

export async function postPlanEvent(
  request: Request,
  user: SessionUser,
  planId: string,
  formData: FormData,
  back: string,
) {
  const parsed = PlanEventSchema.safeParse(eventFields(formData));
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const result = await applyPlanEvent(user, planId, parsed.data);
  return answer(request, result, parsed.data.type, back);
}
