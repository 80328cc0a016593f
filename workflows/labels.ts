import { PLAN_STATE_LABELS, type PlanEventType } from "./plan";
import { SECTION_STATE_LABELS, type SectionEventType } from "./section";

/** Button labels, exactly as the offices know them. */
export const SECTION_EVENT_LABELS: Record<SectionEventType, string> = {
  edit: "修改",
  submit: "提交审核",
  withdraw: "撤回",
  approve: "通过",
  return: "退回修改",
  reopen: "重新打开",
  remind: "催办",
};

export function planEventLabel(type: PlanEventType, state: string): string {
  if (type === "approve") return state === "mayorReview" ? "提交党委会审议" : "审议通过";
  return PLAN_EVENT_LABELS[type];
}

const PLAN_EVENT_LABELS: Record<PlanEventType, string> = {
  edit: "修改",
  startCompiling: "开始统稿",
  submitToMayor: "提交镇长审核",
  approve: "通过",
  approveWithAmendments: "原则通过（按意见修改）",
  finalize: "完成修改",
  return: "退回修改",
  publish: "印发",
};

/** How the record reads afterwards: "已由 张三 于 14:02 通过". */
export const EVENT_PAST_LABELS: Record<string, string> = {
  submit: "提交审核",
  withdraw: "撤回",
  approve: "通过",
  return: "退回修改",
  reopen: "退回修改（随计划退回）",
  remind: "催办",
  startCompiling: "开始统稿",
  submitToMayor: "提交镇长审核",
  approveWithAmendments: "原则通过（按意见修改）",
  finalize: "完成修改",
  publish: "印发",
};

/**
 * How an event reads on the record. A plan's approvals say whose review they
 * end; a section's are plain 通过.
 */
export function eventPastLabel(type: string, onSection: boolean, fromState: string): string {
  if (!onSection && type === "approve") {
    return fromState === "mayorReview" ? "镇长审核通过（提交党委会审议）" : "党委会审议通过";
  }
  return EVENT_PAST_LABELS[type] ?? type;
}

/** A stored state in words: a section's or the plan's; "已删除" when the section is gone. */
export function stateLabel(state: string | null, onSection: boolean): string {
  if (!state) return "已删除";
  const labels: Record<string, string> = onSection ? SECTION_STATE_LABELS : PLAN_STATE_LABELS;
  return labels[state] ?? state;
}

/** Names of the content snapshots taken at each step (第N次 is added for repeats). */
export const SNAPSHOT_NAMES: Partial<Record<string, string>> = {
  "section:submit": "送分管领导审核稿",
  "section:return": "分管领导退回稿",
  "section:approve": "分管领导审核通过稿",
  "section:reopen": "随计划退回稿",
  "plan:startCompiling": "统稿初稿",
  "plan:submitToMayor": "镇长审核稿",
  "plan:approve:mayorReview": "党委会审议稿",
  "plan:approve:partyCommitteeReview": "审定稿",
  "plan:approveWithAmendments": "党委会原则通过稿",
  "plan:finalize": "审定稿",
  "plan:return": "退回稿",
  "plan:publish": "印发稿",
};
