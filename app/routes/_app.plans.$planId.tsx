import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { RouteErrorBoundary } from "~/components/error-page";
import { ReportFiguresTable, TargetProgressPanel } from "~/components/target-progress";
import { ProgressBoard } from "~/components/progress-board";
import { useNavigatingTo } from "~/components/navigation-progress";
import { EventFields, WorkflowActions } from "~/components/workflow-actions";
import { FormError } from "~/components/form";
import { SectionSettingsFields } from "~/components/section-assignment-fields";
import { useZodForm } from "~/components/use-zod-form";
import { listDepartments } from "~/models/department.server";
import { getPlan, getPlanTexts, listTargets } from "~/models/plan.server";
import { addSection, listLeaders, listSections, moveSection } from "~/models/section.server";
import { isFinal, listExports } from "~/models/export.server";
import { pdfAvailable } from "~/export/pdf.server";
import { PdfExportLink } from "~/components/pdf-export-link";
import { sectionStatesOverTime } from "~/models/progress.server";
import {
  createReport,
  findReport,
  refreshReportFigures,
  reportTargets,
} from "~/models/report.server";
import { getPlanProgress } from "~/models/target-progress.server";
import { isReportKind, REPORT_KINDS, REPORT_LABELS } from "~/progress/report-draft";
import { planActions, sectionActions } from "~/models/workflow/actions.server";
import { planEventFacts } from "~/models/workflow/plan-events.server";
import { committeeOpinions, listPlanEvents } from "~/models/workflow/record.server";
import { allowed } from "~/policies/policy.server";
import { assertCan } from "~/policies/policy.server";
import { issuerChoices } from "~/export/publication";
import { getPublishing } from "~/models/publishing.server";
import { requireUser } from "~/utils/auth.server";
import { DEADLINE_LABELS, deadlineStatus } from "~/utils/deadline";
import { formatDateTime } from "~/utils/format";
import { badRequest, notFound, refuse } from "~/utils/http.server";
import { SectionSettingsSchema } from "~/utils/section-validation";
import { setFlash } from "~/utils/session.server";
import { z } from "~/utils/validation";
import { postPlanEvent, type WorkflowActionData } from "~/utils/workflow-action.server";

const baseVersion = z.coerce.number().int().min(0);
const MoveSchema = z.object({
  intent: z.enum(["move-up", "move-down"]),
  sectionId: z.string().min(1),
  baseVersion,
});
const AddSectionSchema = SectionSettingsSchema.extend({
  intent: z.literal("add-section"),
  baseVersion,
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.plan.title ?? "年度计划"} · 年度工作计划编审系统` },
];

/** The export record lists this many of the latest exports. */
const EXPORTS_SHOWN = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Scoped by town: another town's plan id is simply "not found".
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const canManage = allowed(user, "plan.manageSections", plan);
  const canEditTexts = allowed(user, "plan.edit", plan);
  const [
    sections,
    targets,
    texts,
    departments,
    leaders,
    actions,
    history,
    exports,
    opinions,
    corrections,
    eventFacts,
    targetProgress,
  ] = await Promise.all([
    listSections(user.townId, plan.id),
    listTargets(user.townId, plan.id),
    getPlanTexts(user.townId, plan.id),
    canManage ? listDepartments(user.townId) : [],
    canManage ? listLeaders(user.townId) : [],
    planActions(user, plan),
    sectionStatesOverTime(user.townId, plan.id),
    listExports(user.townId, plan.id, EXPORTS_SHOWN + 1), // one more tells there are older
    plan.state === "amending" ? committeeOpinions(user.townId, plan.id) : null,
    plan.state === "published"
      ? listPlanEvents(user.townId, plan.id, { event: "correctDocumentNumber" })
      : null,
    planEventFacts(user.townId, plan.id),
    plan.state === "published" && !isReportKind(plan.kind)
      ? getPlanProgress(user.townId, plan.id)
      : null,
  ]);
  // A report shows its targets with the figures to date.
  const reportFigures = isReportKind(plan.kind) ? await reportTargets(user.townId, plan.id) : null;
  // A published plan is reported on at mid-year and at year end (半年总结, 年度总结).
  const reports =
    plan.state === "published" && !isReportKind(plan.kind)
      ? await Promise.all(
          REPORT_KINDS.map(async (kind) => ({
            kind,
            label: REPORT_LABELS[kind],
            existing: (await findReport(user.townId, plan.year, kind)) ?? null,
          })),
        )
      : [];
  return {
    plan: {
      ...plan,
      deadline: texts?.deadline ?? null,
      final: isFinal(plan.state),
      // 导出 PDF: the published plan, when LibreOffice is installed on the server.
      pdf: plan.state === "published" && pdfAvailable(),
    },
    preamble: texts?.preamble ?? "",
    // 【…】 left in the plan's own text would be printed as they are.
    textPlaceholders: texts?.placeholders ?? 0,
    sections: sections.map((section) => ({
      ...section,
      deadlineStatus: deadlineStatus(section.deadline, section.state === "approved"),
      editable: allowed(user, "section.edit", section),
      canRemind: sectionActions(user, section).some((a) => a.type === "remind"),
    })),
    opinions,
    corrections: (corrections?.events ?? []).map((e) => ({
      id: e.id,
      at: e.at,
      by: e.actorName,
      note: e.note,
      reason: e.reason,
    })),
    issuers: issuerChoices(await getPublishing(user.townId)),
    /** What the dialogs check typed dates against (today in Beijing, the committee's day). */
    eventFacts,
    actions,
    history,
    exports: exports.slice(0, EXPORTS_SHOWN),
    exportsMore: exports.length > EXPORTS_SHOWN,
    targets,
    // After 印发: each target's 进度 against the time elapsed.
    targetProgress: targetProgress && {
      periods: targetProgress.periods,
      targets: targetProgress.targets.map(({ context: _context, ...target }) => target),
    },
    reports,
    reportFigures,
    canCreateReport: allowed(user, "plan.create", null),
    canManage,
    canEditTexts,
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    leaders,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const formData = await request.formData();
  const intent = formData.get("intent");
  // Workflow events: the plan machine decides who may send them.
  if (intent === "event")
    return postPlanEvent(request, user, plan.id, formData, `/plans/${plan.id}`);
  if (intent === "create-report") {
    const kind = z.enum(REPORT_KINDS).safeParse(formData.get("kind"));
    if (!kind.success) badRequest("请选择要起草的总结。");
    const created = await createReport(user, { kind: kind.data, sourcePlanId: plan.id });
    if (!created.ok) return data({ reportError: created.message }, { status: created.status });
    await setFlash(request, `已起草${REPORT_LABELS[kind.data]}，各章节已按计划分派到科室`);
    return redirect(`/plans/${created.planId}`);
  }
  if (intent === "refresh-figures") {
    const seen = z.coerce.number().int().safeParse(formData.get("baseVersion"));
    if (!seen.success) badRequest("缺少版本号，请刷新页面后重试。");
    const result = await refreshReportFigures(user, plan.id, seen.data);
    if (!result.ok) refuse(result.status, result.message);
    await setFlash(request, "已按各科室最新报送的数字更新主要指标完成情况");
    return redirect(`/plans/${plan.id}`);
  }
  assertCan(user, "plan.manageSections", plan);
  if (intent === "move-up" || intent === "move-down") {
    const move = MoveSchema.safeParse(Object.fromEntries(formData));
    if (!move.success) badRequest("参数有误，请刷新页面后重试。");
    const result = await moveSection(
      user,
      plan.id,
      move.data.sectionId,
      intent === "move-up" ? "up" : "down",
      move.data.baseVersion,
    );
    if (!result.ok) refuse(result.status, result.message);
    return { moved: true };
  }
  const submission = parseWithZod(formData, { schema: AddSectionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { intent: _intent, baseVersion: seen, ...settings } = submission.value;
  const result = await addSection(user, plan.id, settings, seen);
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  }
  await setFlash(request, `已新增章节“${settings.title}”`);
  return redirect(`/plans/${plan.id}`);
}

export default function PlanPage() {
  const {
    plan,
    preamble,
    textPlaceholders,
    sections,
    targets,
    canManage,
    canEditTexts,
    departments,
    leaders,
    actions,
    history,
    exports,
    exportsMore,
    opinions,
    corrections,
    issuers,
    eventFacts,
    targetProgress,
    reports,
    reportFigures,
    canCreateReport,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / {plan.year}年
      </p>
      <div className="page-header">
        <h1>{plan.title}</h1>
        <span className="badge">{plan.stateLabel}</span>
        <span className="muted">
          {plan.year}年 · {plan.kind} · 起草截止 {plan.deadline ?? "未定"}
          {plan.documentNumber && ` · ${plan.documentNumber}（${plan.publishedOn ?? ""}印发）`}
        </span>
      </div>
      <WorkflowActions
        actions={actions}
        baseVersion={plan.version}
        error={
          actionData && "workflowError" in actionData
            ? (actionData as WorkflowActionData).workflowError
            : null
        }
        returnableSections={sections.map((s) => ({ id: s.id, title: s.title }))}
        meeting={plan.state === "partyCommitteeReview"}
        publication={{ issuers, year: plan.year }}
        planFacts={eventFacts ?? undefined}
      />
      {opinions && (
        <section
          className="alert warning"
          aria-labelledby="opinions-heading"
          data-testid="opinions"
        >
          <h2 id="opinions-heading" className="alert-title">
            党委会审议意见（{opinions.by} 于 {formatDateTime(opinions.at)} 记录）
          </h2>
          <p className="keep-lines">{opinions.opinions}</p>
          <p className="muted">请按以上意见修改后点击“完成修改”。</p>
        </section>
      )}
      <p className="workflow-buttons plan-tools">
        <PreviewLink planId={plan.id} />
        <Link className="button" to={`/plans/${plan.id}/approval`}>
          审批单
        </Link>
        <a className="button" href={`/plans/${plan.id}/export.docx`} download>
          {plan.final ? "导出 Word" : "导出 Word（征求意见稿）"}
        </a>
        {plan.pdf && <PdfExportLink planId={plan.id} />}
        <Link className="button" to={`/plans/${plan.id}/changes`}>
          修改痕迹
        </Link>
      </p>
      {reports.length > 0 && (canCreateReport || reports.some((r) => r.existing)) && (
        <section className="panel" aria-labelledby="reports-heading">
          <h2 id="reports-heading">工作总结</h2>
          <p className="muted">
            按“双过半”要求，年中起草上半年工作总结及下半年工作安排，年底起草年度工作总结：按本计划的章节和分工起草，各项计划任务和目标完成数已填入，由各科室改写后按同样的流程审核、印发。
          </p>
          {actionData && "reportError" in actionData && (
            <p className="alert error" role="alert">
              {actionData.reportError}
            </p>
          )}
          <p className="workflow-buttons">
            {reports.map((report) =>
              report.existing ? (
                <Link key={report.kind} className="button" to={`/plans/${report.existing.id}`}>
                  打开{report.existing.title.replace(/^.*?\d{4}年/, "")}
                </Link>
              ) : (
                canCreateReport && (
                  <Form key={report.kind} method="post" className="action-form">
                    <input type="hidden" name="intent" value="create-report" />
                    <input type="hidden" name="kind" value={report.kind} />
                    <button
                      type="submit"
                      className="button primary"
                      disabled={navigation.state !== "idle"}
                    >
                      起草{report.label}
                    </button>
                  </Form>
                )
              ),
            )}
          </p>
        </section>
      )}
      {/* After 印发 the year's progress comes first; the drafting board is history. */}
      {targetProgress && targetProgress.targets.length > 0 && (
        <TargetProgressPanel
          planId={plan.id}
          periods={targetProgress.periods}
          targets={targetProgress.targets}
        />
      )}
      <ProgressBoard
        planId={plan.id}
        planState={plan.state}
        sections={sections}
        history={history}
      />

      <section className="panel" aria-labelledby="sections-heading">
        <h2 id="sections-heading">章节（{sections.length}）</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">章节</th>
              <th scope="col">起草科室</th>
              <th scope="col">分管领导</th>
              <th scope="col">截止日期</th>
              <th scope="col">状态</th>
              <th scope="col">最近编辑</th>
              <th scope="col" className="num">
                字数
              </th>
              <th scope="col" className="num">
                待填写
              </th>
              {canManage && (
                <th scope="col">
                  <span className="visually-hidden">调整</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sections.map((section, index) => (
              <tr key={section.id}>
                <td>{section.position}</td>
                <td>
                  <Link to={`/plans/${plan.id}/sections/${section.id}`}>{section.title}</Link>
                  {section.editable && <span className="badge ok">可编辑</span>}
                </td>
                <td>{section.departmentName ?? "—"}</td>
                <td>{section.leaderName ?? "—"}</td>
                <td className={section.deadlineStatus ? "overdue" : undefined}>
                  {section.deadline ?? "—"}
                  {section.deadlineStatus && `（${DEADLINE_LABELS[section.deadlineStatus]}）`}
                </td>
                <td>
                  <span className={`badge state-${section.state}`}>{section.stateLabel}</span>
                  {section.canRemind && (
                    <Form
                      method="post"
                      action={`/plans/${plan.id}/sections/${section.id}`}
                      className="action-form"
                    >
                      <EventFields type="remind" baseVersion={section.version} />
                      <input type="hidden" name="returnTo" value={`/plans/${plan.id}`} />
                      <button
                        type="submit"
                        className="button small"
                        aria-label={`催办 ${section.title}`}
                      >
                        催办
                      </button>
                    </Form>
                  )}
                </td>
                <td>
                  {section.updatedByName
                    ? `${section.updatedByName} ${formatDateTime(section.updatedAt)}`
                    : "尚未编辑"}
                </td>
                <td className="num">{section.characters}</td>
                <td className={section.placeholders > 0 ? "num overdue" : "num"}>
                  {section.placeholders}
                </td>
                {canManage && (
                  <td className="row-actions">
                    <Form method="post" preventScrollReset>
                      <input type="hidden" name="sectionId" value={section.id} />
                      <input type="hidden" name="baseVersion" value={plan.version} />
                      <button
                        type="submit"
                        name="intent"
                        value="move-up"
                        className="button small"
                        disabled={index === 0 || navigation.state !== "idle"}
                        aria-label={`上移 ${section.title}`}
                      >
                        ↑
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="move-down"
                        className="button small"
                        disabled={index === sections.length - 1 || navigation.state !== "idle"}
                        aria-label={`下移 ${section.title}`}
                      >
                        ↓
                      </button>
                    </Form>
                    <Link
                      to={`/plans/${plan.id}/sections/${section.id}/settings`}
                      aria-label={`分工设置：${section.title}`}
                    >
                      分工设置
                    </Link>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {canManage && (
          <AddSectionForm departments={departments} leaders={leaders} planVersion={plan.version} />
        )}
      </section>

      <div className="two-columns">
        <section className="panel" aria-labelledby="preamble-heading">
          <div className="panel-header">
            <h2 id="preamble-heading">形势与总体要求</h2>
            {canEditTexts && <Link to={`/plans/${plan.id}/settings`}>编辑</Link>}
          </div>
          {textPlaceholders > 0 && (
            <p className="alert warning" data-testid="text-placeholders">
              形势与总体要求和结束语中还有 {textPlaceholders} 处【】待填写。补全后才能提交镇长审核。
            </p>
          )}
          {preamble.split("\n").map((line, index) => (
            <p key={index} className="body-text">
              {line}
            </p>
          ))}
        </section>
        <section className="panel" aria-labelledby="targets-heading">
          <div className="panel-header">
            <h2 id="targets-heading">{reportFigures ? "主要指标完成情况" : "主要预期目标"}</h2>
            {canEditTexts && <Link to={`/plans/${plan.id}/targets`}>编辑预期目标</Link>}
          </div>
          {reportFigures ? (
            <>
              <ReportFiguresTable {...reportFigures} />
              {canEditTexts && (
                <Form method="post" className="inline-form" preventScrollReset>
                  <input type="hidden" name="intent" value="refresh-figures" />
                  <input type="hidden" name="baseVersion" value={plan.version} />
                  <span className="muted">
                    完成数取自起草时已报送的数字；此后报送的，可以更新到表中。
                  </span>
                  <button type="submit" className="button small">
                    按最新报送更新
                  </button>
                </Form>
              )}
            </>
          ) : targets.length === 0 ? (
            <p className="muted">尚未设置预期目标。</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  <th scope="col" className="num">
                    目标
                  </th>
                  <th scope="col" className="num">
                    上年
                  </th>
                </tr>
              </thead>
              <tbody>
                {targets.map((target) => (
                  <tr key={target.id}>
                    <td>{target.name}</td>
                    <td className="num">
                      {target.value}
                      {target.unit}
                      {target.qualifier ?? ""}
                    </td>
                    <td className="num">
                      {target.baseline ? `${target.baseline}${target.unit}` : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <ExportRecord exports={exports} more={exportsMore} corrections={corrections} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

function ExportRecord({
  exports,
  more,
  corrections,
}: {
  more: boolean;
  corrections: { id: string; at: string; by: string; note: string | null; reason: string | null }[];
  exports: {
    id: string;
    by: string;
    at: string;
    stateLabel: string;
    draft: boolean;
    filename: string;
    sha256: string;
    documentNumber: string | null;
  }[];
}) {
  return (
    <section className="panel" aria-labelledby="exports-heading">
      <h2 id="exports-heading">导出记录</h2>
      {corrections.map((c) => (
        <p key={c.id} className="alert warning" data-testid="number-correction">
          {formatDateTime(c.at)} {c.by} {c.note}
          {c.reason && `（原因：${c.reason}）`}。此后导出的文件使用更正后的文号。
        </p>
      ))}
      {exports.length === 0 ? (
        <p className="muted">还没有人导出过本计划。</p>
      ) : (
        <table className="data-table" data-testid="export-record">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">导出人</th>
              <th scope="col">计划状态</th>
              <th scope="col">文稿</th>
              <th scope="col">文号</th>
              <th scope="col">文件校验值（SHA-256）</th>
            </tr>
          </thead>
          <tbody>
            {exports.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.by}</td>
                <td>{e.stateLabel}</td>
                <td>
                  {e.draft ? "征求意见稿" : "正式稿"}
                  {e.filename.endsWith(".pdf") && "（PDF）"}
                </td>
                <td>{e.documentNumber ?? "—"}</td>
                <td>
                  <code title={e.sha256}>{e.sha256.slice(0, 16)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && <p className="muted">只列出最近 {exports.length} 次导出。</p>}
    </section>
  );
}

function AddSectionForm({
  departments,
  leaders,
  planVersion,
}: {
  departments: { id: string; name: string }[];
  leaders: { id: string; name: string; title: string | null }[];
  planVersion: number;
}) {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm(AddSectionSchema, {
    id: "add-section",
    lastResult: lastResult && "status" in lastResult ? lastResult : undefined,
  });
  return (
    <details className="add-section">
      <summary>添加章节</summary>
      <Form method="post" {...getFormProps(form)} className="inline-form add-row">
        <FormError errors={form.errors} id={form.errorId} />
        <input type="hidden" name="baseVersion" value={planVersion} />
        <SectionSettingsFields
          fields={fields}
          departments={departments}
          leaders={leaders}
          titlePlaceholder="如：专项工作"
        />
        <button type="submit" name="intent" value="add-section" className="button primary">
          添加
        </button>
      </Form>
    </details>
  );
}

function PreviewLink({ planId }: { planId: string }) {
  const to = `/plans/${planId}/preview`;
  const busy = useNavigatingTo(to);
  return (
    <Link className="button" to={to} aria-busy={busy || undefined}>
      {busy ? "正在排版…" : "打印预览"}
    </Link>
  );
}
