import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { SerializedEditorState } from "lexical";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";

import { RouteErrorBoundary } from "~/components/error-page";
import { CommentsPanel } from "~/components/comments-panel";
import { WorkflowActions } from "~/components/workflow-actions";
import { diffSectionVersions } from "~/export/document-diff";
import { type EditorSession, SectionEditor } from "~/editor/section-editor";
import editorStyles from "~/styles/editor.css";
import previewStyles from "~/styles/print-preview.css";
import { addReply, addThread, listThreads, setThreadResolved } from "~/models/comment.server";
import { othersChangesNote } from "~/models/changes.server";
import { getListStyle } from "~/models/export.server";
import { sectionActions } from "~/models/workflow/actions.server";
import { firstTableNumber } from "~/models/section.server";
import { lastReturn } from "~/models/workflow/record.server";
import { returnedSnapshot } from "~/models/workflow/snapshots.server";
import { allowed, can, editsAsReviewer } from "~/policies/policy.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { badRequest } from "~/utils/http.server";
import { safeRedirect } from "~/utils/redirect";
import { requirePlanSection } from "~/utils/section-route.server";
import { CommentSchema } from "~/utils/comment-validation";
import type { ContentFacts, withLiveContent } from "~/utils/live-actions";
import { postSectionEvent, type WorkflowActionData } from "~/utils/workflow-action.server";

/** Only a leader looking at a returned section's changes needs it. */
const DocumentDiffView = lazy(() =>
  import("~/components/document").then((module) => ({ default: module.DocumentDiffView })),
);

export const links = () => [
  { rel: "stylesheet", href: editorStyles },
  { rel: "stylesheet", href: previewStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.section.title ?? "章节"} · ${data?.plan.title ?? ""}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await requirePlanSection(user, params);
  const { plan, section } = found;
  const permission = can(user, "section.edit", section);
  const returned = section.state === "returned" ? await lastReturn(user.townId, section.id) : null;
  // The leader sees what changed since they (or the plan) sent it back.
  const before =
    section.state === "leaderReview" ? await returnedSnapshot(user.townId, section.id) : null;
  const [threads, listStyle, othersChanged, firstTable] = await Promise.all([
    listThreads(user, section.id),
    getListStyle(user.townId),
    // Back with the drafter: say plainly that a reviewer changed the text itself.
    section.state === "returned" ? othersChangesNote(user, section.id) : null,
    firstTableNumber(user.townId, plan.id, section.position),
  ]);
  const actions = sectionActions(user, section);
  return {
    plan: { id: plan.id, title: plan.title, year: plan.year },
    section: {
      id: section.id,
      title: section.title,
      position: section.position,
      firstTableNumber: firstTable,
      departmentName: section.departmentName,
      leaderName: section.leaderName,
      deadline: section.deadline,
      stateLabel: section.stateLabel,
      version: section.version,
      // An object, not the stored JSON text: a string would be escaped twice on
      // its way into the page (in the data stream, then in its script tag).
      content: JSON.parse(section.content) as SerializedEditorState,
      updatedByName: section.updatedByName,
      updatedAt: section.updatedAt,
    },
    editable: permission.ok,
    tracksAsReviewer: permission.ok && editsAsReviewer(user, section),
    readOnlyReason: permission.ok ? null : permission.refusal.message,
    othersChanged,
    actions,
    // The facts the submit button is re-asked with as the text changes (live-actions).
    live: {
      user: { id: user.id, roles: user.roles, departmentId: user.departmentId },
      section: {
        state: section.state,
        planState: section.planState,
        departmentId: section.departmentId,
        leaderId: section.leaderId,
        placeholders: section.placeholders,
        characters: section.characters,
        submittedBy: section.submittedBy,
      },
    },
    threads,
    listStyle,
    canComment: allowed(user, "comment.create", section),
    returned,
    sinceReturn: before
      ? {
          name: before.name,
          at: before.createdAt,
          diff: diffSectionVersions(before.content, section.content, {
            position: section.position,
            firstTableNumber: firstTable,
            listStyle,
          }),
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const found = await requirePlanSection(user, params);
  const formData = await request.formData();
  if (formData.get("intent") !== "event") return commentAction(user, found.section.id, formData);
  const back = safeRedirect(
    formData.get("returnTo"),
    `/plans/${found.plan.id}/sections/${found.section.id}`,
  );
  return postSectionEvent(request, user, found.section.id, formData, back);
}

async function commentAction(
  user: Awaited<ReturnType<typeof requireUser>>,
  sectionId: string,
  formData: FormData,
) {
  const parsed = CommentSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const known = ["comment", "reply", "resolve", "reopen-comment"].includes(
      String(formData.get("intent")),
    );
    if (!known) badRequest("不支持的操作。");
    return data(
      { commentError: parsed.error.issues[0]?.message ?? "意见内容有误。" },
      { status: 422 },
    );
  }
  const input = parsed.data;
  const result =
    input.intent === "comment"
      ? await addThread(user, sectionId, input)
      : input.intent === "reply"
        ? await addReply(user, sectionId, input.threadId, input.body)
        : await setThreadResolved(user, sectionId, input.threadId, input.intent === "resolve");
  if (!result.ok) return data({ commentError: result.message }, { status: result.status });
  return { commentOk: true };
}

export default function SectionPage() {
  const {
    plan,
    section,
    editable,
    tracksAsReviewer,
    readOnlyReason,
    othersChanged,
    actions,
    live,
    returned,
    sinceReturn,
    threads,
    canComment,
    listStyle,
  } = useLoaderData<typeof loader>();
  const [activeThread, setActiveThread] = useState<string | null>(null);
  const [facts, setFacts] = useState<ContentFacts | null>(null);
  const liveCheck = useLiveCheck(facts, live.section);
  // The header names the last save; my own saves in this page count too.
  const [mySave, setMySave] = useState<string | null>(null);
  const onMarkClick = useCallback((id: string) => setActiveThread(id), []);
  const marked = threads
    .filter((t) => !t.resolved && !t.orphaned)
    .map((t) => ({ id: t.id, quote: t.quote, occurrence: t.occurrence }));
  const actionData = useActionData<WorkflowActionData | { commentError?: string }>();
  const session = useRef<EditorSession | null>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /{" "}
        {section.title}
      </p>
      <div className="page-header">
        <h1>{section.title}</h1>
        <span className="badge">{section.stateLabel}</span>
        <span className="muted">
          {section.departmentName ?? "未指定科室"} 起草 · 分管领导 {section.leaderName ?? "未指定"}{" "}
          · 截止 {section.deadline ?? "未定"} ·{" "}
          {mySave && mySave > section.updatedAt
            ? `最近由 您 保存于 ${formatDateTime(mySave)}`
            : section.updatedByName
              ? `最近由 ${section.updatedByName} 保存于 ${formatDateTime(section.updatedAt)}`
              : "尚未编辑（模板内容）"}
        </span>
      </div>
      <p className="section-links">
        <Link to={`/plans/${plan.id}/sections/${section.id}/history`}>修改历史</Link>
        <Link to={`/plans/${plan.id}/sections/${section.id}/changes`}>修改痕迹</Link>
      </p>
      <WorkflowActions
        actions={liveCheck ? liveCheck(actions, live, facts) : actions}
        baseVersion={section.version}
        error={actionData && "workflowError" in actionData ? actionData.workflowError : null}
        settle={
          editable ? () => session.current?.settle() ?? Promise.resolve(section.version) : undefined
        }
      />
      {returned && (
        <div className="alert warning" role="note" data-testid="returned-note">
          <strong>
            {returned.by} 于 {formatDateTime(returned.at)}{" "}
            {returned.byPlan ? "随计划退回" : "退回修改"}
          </strong>
          ：<span className="keep-lines">{returned.reason}</span>
          {othersChanged && (
            <p data-testid="others-changed">
              {othersChanged}，
              <Link to={`/plans/${plan.id}/sections/${section.id}/changes`}>查看修改痕迹</Link>
              ，可逐处撤销。
            </p>
          )}
        </div>
      )}
      {sinceReturn && (
        <details className="panel since-return" open data-testid="since-return">
          <summary>
            <strong>自上次退回以来的修改</strong>
            <span className="muted">
              （对照 {sinceReturn.name}，{formatDateTime(sinceReturn.at)}）
            </span>
          </summary>
          <Suspense fallback={<p className="muted">正在载入修改对照…</p>}>
            <DocumentDiffView diff={sinceReturn.diff} onlyChanges />
          </Suspense>
        </details>
      )}
      {tracksAsReviewer && (
        <div className="alert info" role="note" data-testid="reviewer-note">
          您的修改将以修订痕迹保留：起草科室和党政办能看到每一处改动和修改人，可逐处撤销。
          也可以选中文字提意见，再选择“通过”或“退回修改”。
        </div>
      )}
      {readOnlyReason && (
        <div className="alert info" role="note" data-testid="read-only-note">
          只读：{readOnlyReason}
        </div>
      )}
      <div className="section-workspace">
        <SectionEditor
          // Not keyed on the version: revalidation after a comment must not remount the
          // editor under the drafter's hands; a new state or right to edit does.
          key={`${section.id}-${live.section.state}-${editable}`}
          sectionId={section.id}
          saveUrl={`/sections/${section.id}/content`}
          presenceUrl={`/sections/${section.id}/presence`}
          content={section.content}
          version={section.version}
          editable={editable}
          firstHeadingNumber={section.position}
          firstTableNumber={section.firstTableNumber}
          sessionRef={session}
          commentThreads={marked}
          onCommentMarkClick={onMarkClick}
          onContentFacts={setFacts}
          listStyle={listStyle}
          onSaved={setMySave}
        />
        <CommentsPanel
          threads={threads}
          canComment={canComment}
          activeId={activeThread}
          action={`/plans/${plan.id}/sections/${section.id}`}
        />
      </div>
    </>
  );
}

/**
 * The policy (and the workflow machine behind it) re-asks 提交审核 as the
 * text changes; it loads once the text first differs from what the server
 * judged, so that a reader's page carries neither.
 */
function useLiveCheck(facts: ContentFacts | null, stored: ContentFacts) {
  const [check, setCheck] = useState<typeof withLiveContent | null>(null);
  const changed =
    !!facts &&
    (facts.characters !== stored.characters || facts.placeholders !== stored.placeholders);
  useEffect(() => {
    if (!changed || check) return;
    import("~/utils/live-actions").then(
      (module) => setCheck(() => module.withLiveContent),
      () => undefined, // offline: the server still checks on submit
    );
  }, [changed, check]);
  return check;
}

export const ErrorBoundary = RouteErrorBoundary;
