import type { Actor } from "~workflows/actor";
import { decide } from "~workflows/decide";
import { type SectionContext, sectionChecks, sectionMachine } from "~workflows/section";

import type { WorkflowActionView } from "~/components/workflow-actions";

export type ContentFacts = { characters: number; placeholders: number };

/**
 * The section's buttons as the text stands now in the editor: filling the
 * last 【…】 enables 提交审核 without a reload. Asks the same machine as the
 * server, which checks again on submit.
 */
export function withLiveContent(
  actions: WorkflowActionView[],
  machine: { state: string; context: SectionContext; actor: Actor },
  facts: ContentFacts | null,
): WorkflowActionView[] {
  if (!facts) return actions;
  return actions.map((action) => {
    if (action.type !== "submit") return action;
    const decision = decide(
      sectionMachine,
      { state: machine.state, context: { ...machine.context, ...facts } },
      { type: "submit", actor: machine.actor },
      sectionChecks,
    );
    return { ...action, disabledReason: decision.ok ? null : decision.refusal.message };
  });
}
