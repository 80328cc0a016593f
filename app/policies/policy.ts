// The one place that answers "may this person do this to this thing now"
// (docs/architecture.md, "Who may do what"). Pure: the subject carries the
// stored facts its model loaded. Workflow events and editing are the
// machines' answers; the rest is written here. Routes, API handlers and
// models ask `can`; pages show a button or link only where it says yes.
import type { Actor } from "~workflows/actor";
import { type Decision, decide, type Refusal, refuse } from "~workflows/decide";
import {
  NO_PLAN_FACTS,
  type PlanContext,
  type PlanEventType,
  type PlanState,
  planWorkflow,
} from "~workflows/plan";
import {
  type ProgressContext,
  type ProgressEventType,
  type ProgressState,
  progressWorkflow,
} from "~workflows/progress";
import type { Role } from "~workflows/roles";
import {
  type SectionContext,
  type SectionEventType,
  type SectionState,
  sectionWorkflow,
} from "~workflows/section";

/** Who asks: the signed-in person or the token's owner. */
export type PolicyUser = { id: string; roles: readonly Role[]; departmentId: string | null };

/** A section as its model loaded it, with its plan's state. */
export type SectionSubject = SectionContext & {
  state: SectionState;
  /** Only for the wording of a refusal ("本章节由经济发展办公室起草"). */
  departmentName?: string | null;
};

/** A plan; `context` is needed only for the events that read facts (e.g. 开始统稿). */
export type PlanSubject = { state: PlanState; context?: PlanContext };

/** A comment thread on a section. */
export type ThreadSubject = {
  authorId: string;
  section: Pick<SectionSubject, "leaderId" | "planState">;
};

export type TokenSubject = { userId: string };

/** A plan whose sections' commitments might be tracked; `report`: a 工作总结. */
export type TrackSubject = { state: PlanState; report: boolean };

/** A target's figure for one period (missing until entered), with its plan's facts. */
export type ProgressSubject = { state: ProgressState; context: ProgressContext };

type SectionActions = { [E in SectionEventType as `section.${E}`]: SectionSubject };
type PlanActions = { [E in PlanEventType as `plan.${E}`]: PlanSubject };
type ProgressActions = { [E in ProgressEventType as `progress.${E}`]: ProgressSubject };

/** Every action, with the subject it is asked about (null: the person's own town). */
export type Subjects = SectionActions &
  PlanActions &
  ProgressActions & {
    "plan.create": null;
    /** Download the Word file or open the print preview. */
    "plan.export": PlanSubject;
    /** Choose which of the sections' commitments are tracked like targets (after 印发). */
    "plan.track": TrackSubject;
    "comment.create": SectionSubject;
    "comment.reply": SectionSubject;
    "comment.resolve": ThreadSubject;
    /** The 系统管理 area: users, departments, fonts. */
    "town.administer": null;
    "token.create": null;
    "token.revoke": TokenSubject;
  };

export type Action = keyof Subjects;

export type Verdict =
  | { ok: true }
  /** `handled`: the action exists in this state, so a button may show disabled with the reason. */
  | { ok: false; refusal: Refusal; handled: boolean };

const ALLOWED: Verdict = { ok: true };

function refused(refusal: Refusal, handled = true): Verdict {
  return { ok: false, refusal, handled };
}

function actorOf(user: PolicyUser): Actor {
  return { id: user.id, roles: user.roles, departmentId: user.departmentId };
}

function has(user: PolicyUser, ...roles: Role[]) {
  return roles.some((role) => user.roles.includes(role));
}

function verdictOf(decision: Decision<string, unknown>): Verdict {
  return decision.ok ? ALLOWED : refused(decision.refusal, decision.handled);
}

/**
 * The section machine's answer to a person's event, with the state and
 * facts it leads to (for the model that applies it).
 */
export function decideSection(user: PolicyUser, type: SectionEventType, section: SectionSubject) {
  const context: SectionContext = {
    departmentId: section.departmentId,
    leaderId: section.leaderId,
    placeholders: section.placeholders,
    characters: section.characters,
    planState: section.planState,
    submittedBy: section.submittedBy,
  };
  return decide(sectionWorkflow, { state: section.state, context }, { type, actor: actorOf(user) });
}

/** The progress machine's answer: may this person enter or confirm this figure now? */
export function decideProgress(user: PolicyUser, type: ProgressEventType, figure: ProgressSubject) {
  return decide(progressWorkflow, figure, { type, actor: actorOf(user) });
}

/** The plan machine's answer to a person's event, with the state it leads to. */
export function decidePlan(user: PolicyUser, type: PlanEventType, plan: PlanSubject) {
  return decide(
    planWorkflow,
    { state: plan.state, context: plan.context ?? NO_PLAN_FACTS },
    { type, actor: actorOf(user) },
  );
}

function sectionVerdict(user: PolicyUser, type: SectionEventType, section: SectionSubject) {
  return verdictOf(decideSection(user, type, section));
}

function planVerdict(user: PolicyUser, type: PlanEventType, plan: PlanSubject) {
  return verdictOf(decidePlan(user, type, plan));
}

/** Who edits the text at each stage of the plan after drafting, in the words a reader needs. */
const STAGE_EDITORS: Partial<Record<PlanState, string>> = {
  compiling: "统稿期间，只有党政办能修改正文。",
  amending: "按意见修改期间，只有党政办能修改正文。",
  mayorReview: "镇长审核期间，只有镇长能修改正文。",
  partyCommitteeReview: "计划正在党委会审议，当前不能修改正文。",
  approved: "计划已审定，当前不能修改正文。",
  published: "计划已印发，不能再修改正文。",
};

/** Whether the person belongs to the office that drafts the section. */
function ownsSection(user: PolicyUser, section: SectionSubject): boolean {
  return has(user, "drafter") && !!user.departmentId && user.departmentId === section.departmentId;
}

/**
 * Whether the person's edits of the section are a reviewer's (the leader, the
 * mayor, 党政办): shown to them as kept with their name (痕迹保留), and put
 * on the record when they start.
 */
export function editsAsReviewer(user: PolicyUser, section: SectionSubject): boolean {
  return !ownsSection(user, section);
}

/** Editing is the machine's `edit` event; its refusal is put in the words a reader needs. */
function editVerdict(user: PolicyUser, section: SectionSubject): Verdict {
  const verdict = sectionVerdict(user, "edit", section);
  if (verdict.ok) return verdict;
  const because = (message: string) => refused({ ...verdict.refusal, message });
  if (section.planState !== "drafting") {
    return because(STAGE_EDITORS[section.planState] ?? verdict.refusal.message);
  }
  if (section.state === "leaderReview") {
    return because(
      ownsSection(user, section)
        ? "本章节已提交分管领导审核，审核期间只有分管领导能修改；如需修改，请提交人先撤回。"
        : "本章节正在分管领导审核，只有分管领导能修改。",
    );
  }
  if (section.state === "approved") return because("本章节已通过分管领导审核，当前不能修改。");
  return because(
    has(user, "drafter")
      ? `本章节由${section.departmentName ?? "其他科室"}起草，您只能查看。`
      : "您的角色只能查看本章节，不能修改。",
  );
}

const PUBLISHED_COMMENTS = refuse.conflict("计划已印发，不能再提意见。");

function onlyRole(user: PolicyUser, role: Role, message: string): Verdict {
  return has(user, role) ? ALLOWED : refused(refuse.forbidden(message));
}

/** What each action that is not a workflow event asks. */
const OTHER: {
  [A in Exclude<Action, keyof SectionActions | keyof PlanActions | keyof ProgressActions>]: (
    user: PolicyUser,
    subject: Subjects[A],
  ) => Verdict;
} = {
  "plan.create": (user) => onlyRole(user, "coordinator", "只有党政办能开启年度计划。"),
  // Every office of the town reads the plan, drafts included (征求意见稿).
  "plan.export": () => ALLOWED,
  "plan.track": (user, plan) => {
    if (!has(user, "coordinator")) {
      return refused(refuse.forbidden("只有党政办能选择跟踪哪些工作任务。"));
    }
    if (plan.report) return refused(refuse.invalid("工作总结不跟踪进度。"));
    // Tracking is not part of the published text, which stays as issued.
    return plan.state === "published"
      ? ALLOWED
      : refused(refuse.conflict("计划印发后才能选择跟踪的工作任务。"));
  },
  "comment.create": (_user, section) =>
    section.planState === "published" ? refused(PUBLISHED_COMMENTS) : ALLOWED,
  "comment.reply": (_user, section) =>
    section.planState === "published" ? refused(PUBLISHED_COMMENTS) : ALLOWED,
  // The person who raised it, the leader who reviews the section, or the coordinating office.
  "comment.resolve": (user, thread) => {
    if (thread.section.planState === "published") return refused(PUBLISHED_COMMENTS);
    const mayResolve =
      thread.authorId === user.id ||
      (has(user, "leader") && thread.section.leaderId === user.id) ||
      has(user, "coordinator");
    return mayResolve
      ? ALLOWED
      : refused(refuse.forbidden("只有提出意见的人、本章节的分管领导或党政办能标记意见是否解决。"));
  },
  "town.administer": (user) => onlyRole(user, "admin", "只有系统管理员能进行系统管理。"),
  "token.create": () => ALLOWED,
  "token.revoke": (user, token) =>
    token.userId === user.id ? ALLOWED : refused(refuse.forbidden("只能撤销自己的访问令牌。")),
};

/** May `user` do `action` to `subject` now? With the reason when not. */
export function can<A extends Action>(user: PolicyUser, action: A, subject: Subjects[A]): Verdict {
  // 清稿 is open to exactly those who may edit now, and refused in the same words.
  if (action === "section.edit" || action === "section.cleanCopy") {
    return editVerdict(user, subject as SectionSubject);
  }
  if (action.startsWith("progress.")) {
    const type = action.slice(9) as ProgressEventType;
    return verdictOf(decideProgress(user, type, subject as ProgressSubject));
  }
  if (action.startsWith("section.")) {
    return sectionVerdict(user, action.slice(8) as SectionEventType, subject as SectionSubject);
  }
  if (action in OTHER) {
    const ask = OTHER[action as keyof typeof OTHER] as (u: PolicyUser, s: unknown) => Verdict;
    return ask(user, subject);
  }
  return planVerdict(user, action.slice(5) as PlanEventType, subject as PlanSubject);
}

/** The yes/no a page needs to show a button or a link. */
export function allowed<A extends Action>(user: PolicyUser, action: A, subject: Subjects[A]) {
  return can(user, action, subject).ok;
}

/** The HTTP status of a refusal. */
export const REFUSAL_STATUS = { forbidden: 403, conflict: 409, invalid: 422 } as const;
