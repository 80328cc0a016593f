import { can, type PolicyUser, type SectionSubject } from "~/policies/policy";

import type { WorkflowActionView } from "~/components/workflow-actions";

export type ContentFacts = { characters: number; placeholders: number };

/**
 * The section's buttons as the text stands now in the editor: filling the
 * last 【…】 enables 提交审核 without a reload. Asks the same policy as the
 * server, which checks again on submit.
 */
export function withLiveContent(
  actions: WorkflowActionView[],
  live: { user: PolicyUser; section: SectionSubject },
  facts: ContentFacts | null,
): WorkflowActionView[] {
  if (!facts) return actions;
  return actions.map((action) => {
    if (action.type !== "submit") return action;
    const verdict = can(live.user, "section.submit", { ...live.section, ...facts });
    return { ...action, disabledReason: verdict.ok ? null : verdict.refusal.message };
  });
}
