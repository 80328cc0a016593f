// The workflow buttons a page shows: the policy's answers for each event a
// person could send now. Only who acts and the stored facts decide; what a
// dialog collects (reasons, 文号, dates) is checked when it is sent.
import { planEventLabel, SECTION_EVENT_LABELS } from "~workflows/labels";
import { PLAN_USER_EVENTS, type PlanState } from "~workflows/plan";
import { SECTION_USER_EVENTS } from "~workflows/section";

import { can, type PolicyUser, type SectionSubject, type Verdict } from "~/policies/policy";

import { getDb } from "~db/client";

import { planContextOf } from "./plan-events.server";

/** A button: enabled, or disabled with the reason the machine gave. */
export type WorkflowAction = { type: string; label: string; disabledReason: string | null };

/** An event the person may send, or one of theirs that waits for something (shown disabled). */
function button(type: string, label: string, verdict: Verdict): WorkflowAction[] {
  if (verdict.ok) return [{ type, label, disabledReason: null }];
  if (verdict.handled && verdict.refusal.code !== "forbidden") {
    return [{ type, label, disabledReason: verdict.refusal.message }];
  }
  return [];
}

export function sectionActions(user: PolicyUser, section: SectionSubject): WorkflowAction[] {
  return SECTION_USER_EVENTS.flatMap((type) =>
    button(type, SECTION_EVENT_LABELS[type], can(user, `section.${type}`, section)),
  );
}

export async function planActions(
  user: PolicyUser,
  plan: { id: string; state: PlanState },
): Promise<WorkflowAction[]> {
  const subject = { state: plan.state, context: await planContextOf(getDb(), plan.id) };
  return PLAN_USER_EVENTS.flatMap((type) =>
    button(type, planEventLabel(type, plan.state), can(user, `plan.${type}`, subject)),
  );
}
