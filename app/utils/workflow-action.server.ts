import { data, redirect } from "@remix-run/node";

import { EVENT_PAST_LABELS, isRecordedEvent } from "~workflows/labels";

import { applyPlanEvent, planEventFacts } from "~/models/workflow/plan-events.server";
import { type ApplyResult, applySectionEvent } from "~/models/workflow/section-events.server";
import type { SessionUser } from "~/utils/auth.server";

import { notFound } from "./http.server";
import { setFlash } from "./session.server";
import { eventFields, planEventSchema, SectionEventSchema } from "./workflow-validation";

export type WorkflowActionData = { workflowError: string; eventType?: string };

async function answer(request: Request, result: ApplyResult, type: string, back: string) {
  if (!result.ok) {
    return data<WorkflowActionData>(
      { workflowError: result.message, eventType: type },
      { status: result.status },
    );
  }
  await setFlash(request, `已${isRecordedEvent(type) ? EVENT_PAST_LABELS[type] : "完成"}。`);
  return redirect(back);
}

function invalid(message: string | undefined, type: unknown) {
  return data<WorkflowActionData>(
    {
      workflowError: message ?? "参数有误，请刷新页面后重试。",
      eventType: typeof type === "string" ? type : undefined,
    },
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
  const fields = eventFields(formData);
  const parsed = SectionEventSchema.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message, fields.type);
  const result = await applySectionEvent(user, sectionId, parsed.data);
  return answer(request, result, parsed.data.type, back);
}

/** A plan event posted from a page: its input checked against the plan's stored facts. */
export async function postPlanEvent(
  request: Request,
  user: SessionUser,
  planId: string,
  formData: FormData,
  back: string,
) {
  const facts = await planEventFacts(user.townId, planId);
  if (!facts) notFound("该年度计划不存在，或不属于您所在的镇。");
  const fields = eventFields(formData);
  const parsed = planEventSchema(facts).safeParse(fields);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message, fields.type);
  const result = await applyPlanEvent(user, planId, parsed.data);
  return answer(request, result, parsed.data.type, back);
}
