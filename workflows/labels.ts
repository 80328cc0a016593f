import { PLAN_STATE_LABELS, type PlanEventType, type PlanState } from "./plan";
import { SECTION_STATE_LABELS, type SectionEventType, type SectionState } from "./section";

/** Button labels, exactly as the offices know them. */
export const SECTION_EVENT_LABELS: Record<SectionEventType, string> = {
  edit: "修改",
  cleanCopy: "接受全部修订（清稿）",
  submit: "提交审核",
  withdraw: "撤回",
  approve: "通过",
  return: "退回修改",
  reopen: "重新打开",
  remind: "催办",
};

export function planEventLabel(type: PlanEventType, state: PlanState): string {
  if (type === "approve") return state === "mayorReview" ? "提交党委会审议" : "审议通过";
  return PLAN_EVENT_LABELS[type];
}

const PLAN_EVENT_LABELS: Record<PlanEventType, string> = {
  edit: "修改",
  manageSections: "调整章节",
  setExportOptions: "导出设置",
  startCompiling: "开始统稿",
  submitToMayor: "提交镇长审核",
  approve: "通过",
  approveWithAmendments: "原则通过（按意见修改）",
  finalize: "完成修改",
  return: "退回修改",
  publish: "印发",
  correctDocumentNumber: "更正文号",
};

/** Events that are kept on the record, and how the record reads them: "已由 张三 于 14:02 通过". */
export const EVENT_PAST_LABELS = {
  /** Kept when someone other than the drafting office starts changing the text. */
  edit: "修改正文",
  cleanCopy: "清稿（接受全部修订）",
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
  correctDocumentNumber: "更正文号",
} satisfies Partial<Record<PlanEventType | SectionEventType, string>>;

export type RecordedEvent = keyof typeof EVENT_PAST_LABELS;

export function isRecordedEvent(type: string): type is RecordedEvent {
  return Object.hasOwn(EVENT_PAST_LABELS, type);
}

/**
 * How an event reads on the record. A plan's approvals say whose review they
 * end; a section's are plain 通过.
 */
export function eventPastLabel(type: string, onSection: boolean, fromState: string): string {
  if (!onSection && type === "approve") {
    return fromState === "mayorReview" ? "镇长审核通过（提交党委会审议）" : "党委会审议通过";
  }
  return isRecordedEvent(type) ? EVENT_PAST_LABELS[type] : type;
}

/** A stored state in words: a section's or the plan's; "已删除" when the section is gone. */
export function stateLabel(state: string | null, onSection: boolean): string {
  if (!state) return "已删除";
  const labels: Record<string, string> = onSection ? SECTION_STATE_LABELS : PLAN_STATE_LABELS;
  return labels[state] ?? state;
}

/** The copies of the text kept at each step (存档稿); stored by kind and counted per kind. */
export const SNAPSHOT_KINDS = [
  "submitted",
  "returned",
  "approved",
  "reopened",
  "compiling",
  "toMayor",
  "toCommittee",
  "final",
  "amendments",
  "planReturned",
  "published",
  /** 花脸稿: the text with its tracked changes, kept at 清稿. */
  "markup",
] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

export const SNAPSHOT_LABELS: Record<SnapshotKind, string> = {
  submitted: "送分管领导审核稿",
  returned: "分管领导退回稿",
  approved: "分管领导审核通过稿",
  reopened: "随计划退回稿",
  compiling: "统稿初稿",
  toMayor: "镇长审核稿",
  toCommittee: "党委会审议稿",
  final: "审定稿",
  amendments: "党委会原则通过稿",
  planReturned: "退回稿",
  published: "印发稿",
  markup: "花脸稿",
};

/** Which copy a step keeps, if any: a section's events, or the plan's (by the state it left). */
export function snapshotKindOf(
  event: SectionEventType | PlanEventType,
  on: { section: SectionState } | { plan: PlanState },
): SnapshotKind | null {
  if ("section" in on) {
    const kinds: Partial<Record<SectionEventType, SnapshotKind>> = {
      submit: "submitted",
      return: "returned",
      approve: "approved",
      reopen: "reopened",
      cleanCopy: "markup",
    };
    return kinds[event as SectionEventType] ?? null;
  }
  if (event === "approve") return on.plan === "mayorReview" ? "toCommittee" : "final";
  const kinds: Partial<Record<PlanEventType, SnapshotKind>> = {
    startCompiling: "compiling",
    submitToMayor: "toMayor",
    approveWithAmendments: "amendments",
    finalize: "final",
    return: "planReturned",
    publish: "published",
  };
  return kinds[event as PlanEventType] ?? null;
}

/** "送分管领导审核稿 第2次": built when read, from the kind and its sequence number. */
export function snapshotName(kind: SnapshotKind, sequence: number): string {
  return `${SNAPSHOT_LABELS[kind]} 第${sequence}次`;
}
