import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { TrackCommitmentPanel } from "~/components/commitment-track";
import { RouteErrorBoundary } from "~/components/error-page";
import { RatingBadge, TargetSummary } from "~/components/target-progress";
import {
  commitmentProposals,
  trackCommitment,
  untrackCommitment,
} from "~/models/commitment.server";
import {
  confirmProgress,
  enterProgress,
  figureSubject,
  getPlanProgress,
  remindProgress,
} from "~/models/target-progress.server";
import { allowed } from "~/policies/policy.server";
import {
  PERIOD_KIND_LABELS,
  periodDue,
  periodLabel,
  periodOpen,
  PeriodSchema,
} from "~/progress/periods";
import { progressSheet } from "~/progress/progress-sheet";
import { isReportKind } from "~/progress/report-draft";
import type { Rating } from "~/progress/rating";
import { requireUser } from "~/utils/auth.server";
import { today } from "~/utils/dates";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { ProgressConfirmSchema, ProgressEntrySchema } from "~/utils/progress-validation";
import { CommitmentSchema } from "~/utils/target-validation";
import { setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `目标进度 · ${data?.plan.title ?? "年度计划"}` },
];

// GET /plans/:planId/progress — every target's figures by period with its
// 进度 and chart; the department enters figures, its leader confirms them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const progress = await getPlanProgress(user.townId, params.planId ?? "");
  if (!progress) notFound("该年度计划不存在，或不属于您所在的镇。");
  if (isReportKind(progress.plan.kind)) {
    notFound("工作总结不报送目标进度：其中的完成数来自所总结的计划。");
  }
  const day = today();
  const canTrack = allowed(user, "plan.track", { state: progress.plan.state, report: false });
  const proposals = canTrack ? await commitmentProposals(user.townId, progress.plan.id) : [];
  // "填入" of a proposal (?proposal=2.0: section 2's first) prefills the form without script.
  const [s, p] = (new URL(request.url).searchParams.get("proposal") ?? "").split(".").map(Number);
  const chosen = proposals[s ?? -1]?.proposals[p ?? -1];
  return {
    plan: progress.plan,
    periodKind: progress.periodKind,
    periods: progress.periods,
    today: day,
    // 总览: every target's figure and 进度 by period, as the county reads it (and the .xlsx).
    overview: progressSheet(progress.targets, progress.periods),
    canTrack,
    proposals,
    prefill: chosen ? { ...chosen, sectionId: proposals[s!]!.sectionId } : null,
    targets: progress.targets.map(({ context: _context, ...target }) => {
      const full = progress.targets.find((t) => t.id === target.id)!;
      return {
        ...target,
        canUntrack: canTrack && target.commitment !== null && target.figures.length === 0,
        rows: progress.periods.map((period) => {
          const figure = target.figures.find((f) => f.period === period) ?? null;
          const subject = figureSubject(full, period);
          const open = periodOpen(period, progress.plan.year, progress.periodKind, day) === null;
          return {
            period,
            figure,
            late: !figure && periodDue(period) < day,
            canEnter: open && allowed(user, "progress.enter", subject),
            canConfirm: allowed(user, "progress.confirm", subject),
            canRemind:
              !figure && periodDue(period) < day && allowed(user, "progress.remind", subject),
          };
        }),
      };
    }),
  };
}

type ActionError = { targetId: string; period: string; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = params.planId ?? "";
  const formData = await request.formData();
  const targetId = String(formData.get("targetId") ?? "");
  const period = String(formData.get("period") ?? "");
  const fail = (status: number, message: string) =>
    data({ error: { targetId, period, message } satisfies ActionError }, { status });
  const intent = formData.get("intent");
  if (intent === "track") {
    const submission = parseWithZod(formData, { schema: CommitmentSchema });
    if (submission.status !== "success") {
      return data({ track: submission.reply() }, { status: 400 });
    }
    const result = await trackCommitment(user, planId, submission.value);
    if (!result.ok) {
      return data(
        { track: submission.reply({ formErrors: [result.message] }) },
        { status: result.status },
      );
    }
    await setFlash(request, `已开始跟踪“${submission.value.name}”，责任科室可按期报送进度`);
    return redirect(`/plans/${planId}/progress#target-${result.id}`);
  }
  if (intent === "untrack") {
    const result = await untrackCommitment(user, planId, targetId);
    if (!result.ok) return fail(result.status, result.message);
    await setFlash(request, `已取消跟踪“${result.name}”`);
    return redirect(`/plans/${planId}/progress`);
  }
  if (intent === "remind") {
    const parsed = PeriodSchema.safeParse(period);
    if (!parsed.success) return fail(400, parsed.error.issues[0]!.message);
    const result = await remindProgress(user, planId, targetId, parsed.data);
    if (!result.ok) return fail(result.status, result.message);
    await setFlash(request, `已催办${periodLabel(period)}的进度，责任科室的待办中会显示`);
    return redirect(`/plans/${planId}/progress`);
  }
  if (intent === "confirm") {
    const parsed = ProgressConfirmSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return fail(400, parsed.error.issues[0]!.message);
    const result = await confirmProgress(user, planId, targetId, parsed.data);
    if (!result.ok) return fail(result.status, result.message);
    await setFlash(request, `已确认${periodLabel(period)}的进度`);
    return redirect(`/plans/${planId}/progress`);
  }
  const submission = parseWithZod(formData, { schema: ProgressEntrySchema });
  if (submission.status !== "success") {
    const errors = Object.values(submission.error ?? {}).flat();
    return fail(400, String(errors[0] ?? "填写有误，请检查后重试。"));
  }
  const result = await enterProgress(user, planId, targetId, submission.value);
  if (!result.ok) return fail(result.status, result.message);
  await setFlash(request, `已报送${periodLabel(period)}的进度，等待分管领导确认`);
  return redirect(`/plans/${planId}/progress`);
}

type Target = ReturnType<typeof useLoaderData<typeof loader>>["targets"][number];

function unitOf(target: Pick<Target, "unit">) {
  return target.unit === "%" ? "%" : target.unit;
}

/** 催办 or 确认 of one figure: a button that posts the figure's target, period and version. */
function RowAction({
  intent,
  target,
  row,
  busy,
  primary = false,
  children,
}: {
  intent: "remind" | "confirm";
  target: Target;
  row: Target["rows"][number];
  busy: boolean;
  primary?: boolean;
  children: string;
}) {
  return (
    <Form method="post" className="action-form" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="targetId" value={target.id} />
      <input type="hidden" name="period" value={row.period} />
      {row.figure && <input type="hidden" name="baseVersion" value={row.figure.version} />}
      <button
        type="submit"
        className={primary ? "button small primary" : "button small"}
        disabled={busy}
        aria-label={`${children}${target.name}${periodLabel(row.period)}`}
      >
        {children}
      </button>
    </Form>
  );
}

function FigureRow({
  target,
  row,
  error,
  busy,
}: {
  target: Target;
  row: Target["rows"][number];
  error: ActionError | null;
  busy: boolean;
}) {
  const { figure } = row;
  const label = `${target.name}${periodLabel(row.period)}`;
  return (
    <tr>
      <th scope="row">{periodLabel(row.period)}</th>
      <td className="num">{figure ? `${figure.actual}${unitOf(target)}` : "—"}</td>
      <td>{figure?.note ?? ""}</td>
      <td>
        {figure ? (
          <span className={`badge progress-${figure.state}`}>{figure.stateLabel}</span>
        ) : row.late ? (
          <span className="badge danger">逾期未报送</span>
        ) : (
          <span className="muted">未报送</span>
        )}
        {figure && (
          <span className="muted small-note">
            {" "}
            {figure.enteredByName} {formatDateTime(figure.enteredAt)}
            {figure.confirmedByName && `，${figure.confirmedByName}确认`}
          </span>
        )}
      </td>
      <td className="row-actions">
        {row.canEnter && (
          <Form method="post" className="progress-form" preventScrollReset>
            <input type="hidden" name="intent" value="enter" />
            <input type="hidden" name="targetId" value={target.id} />
            <input type="hidden" name="period" value={row.period} />
            <input type="hidden" name="baseVersion" value={figure?.version ?? 0} />
            <label>
              <span className="visually-hidden">{label}完成数</span>
              <input
                name="actual"
                inputMode="decimal"
                size={7}
                defaultValue={figure ? String(figure.actual) : ""}
                aria-label={`${label}完成数（${unitOf(target)}）`}
                required
              />
            </label>
            <label>
              <span className="visually-hidden">{label}说明</span>
              <input
                name="note"
                size={14}
                maxLength={200}
                defaultValue={figure?.note ?? ""}
                placeholder="说明（可选）"
                aria-label={`${label}说明`}
              />
            </label>
            <button type="submit" className="button small primary" disabled={busy}>
              {figure ? "修改" : "报送"}
            </button>
          </Form>
        )}
        {row.canRemind && (
          <RowAction intent="remind" target={target} row={row} busy={busy}>
            催办
          </RowAction>
        )}
        {row.canConfirm && figure && (
          <RowAction intent="confirm" target={target} row={row} busy={busy} primary>
            确认
          </RowAction>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        )}
      </td>
    </tr>
  );
}

/** One target's or commitment's summary and its figures by period, with their forms. */
function TargetFigures({
  target,
  error,
  busy,
}: {
  target: Target;
  error: ActionError | null;
  busy: boolean;
}) {
  const { periods } = useLoaderData<typeof loader>();
  const own = error && error.targetId === target.id ? error : null;
  return (
    <section className="panel target-progress" aria-labelledby={`target-${target.id}`}>
      <TargetSummary
        target={target}
        periods={periods}
        heading="h3"
        headingId={`target-${target.id}`}
      />
      {target.canUntrack && (
        <Form method="post" className="action-form" preventScrollReset>
          <input type="hidden" name="intent" value="untrack" />
          <input type="hidden" name="targetId" value={target.id} />
          <button
            type="submit"
            className="button small"
            disabled={busy}
            aria-label={`取消跟踪${target.name}`}
          >
            取消跟踪
          </button>
        </Form>
      )}
      {own && !own.period && (
        <p className="field-error" role="alert">
          {own.message}
        </p>
      )}
      <table className="data-table">
        <caption className="visually-hidden">{target.name}各期进度</caption>
        <thead>
          <tr>
            <th scope="col">报送期</th>
            <th scope="col" className="num">
              完成数
            </th>
            <th scope="col">说明</th>
            <th scope="col">状态</th>
            <th scope="col">
              <span className="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {target.rows.map((row) => (
            <FigureRow
              key={row.period}
              target={target}
              row={row}
              busy={busy}
              error={own && own.period === row.period ? own : null}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default function ProgressPage() {
  const { plan, periodKind, targets, overview, canTrack, proposals, prefill } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const error = actionData && "error" in actionData ? actionData.error : null;
  const planTargets = targets.filter((target) => target.commitment === null);
  const commitments = targets.filter((target) => target.commitment !== null);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /
        目标进度
      </p>
      <div className="page-header">
        <h1>目标进度</h1>
        <span className="muted">
          {plan.title} · {PERIOD_KIND_LABELS[periodKind]}，每期结束后次月10日前报送
        </span>
      </div>
      {plan.state !== "published" && (
        <p className="alert warning">计划印发后，各责任科室才能报送目标进度。</p>
      )}
      <p className="muted">
        完成数填截至该期末的累计数（增长率等百分比指标填截至该期的数值）。报送后由分管领导确认；确认后如需更正，可修改后重新确认。
      </p>
      {targets.length === 0 && (
        <p className="muted">本计划没有主要预期目标，也没有跟踪的重点任务。</p>
      )}
      {targets.length > 0 && (
        <section className="panel" aria-labelledby="overview-heading">
          <div className="panel-header">
            <h2 id="overview-heading">总览</h2>
            <a className="button" href={`/plans/${plan.id}/progress.xlsx`} download>
              导出 Excel
            </a>
          </div>
          {/* Focusable, so that a keyboard can scroll a year of months sideways. */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label="总览表格">
            <table className="data-table overview-table" data-testid="progress-overview">
              <thead>
                <tr>
                  {overview.header.map((title) => (
                    <th key={title} scope="col">
                      {title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {overview.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c}>
                        {cell.rating ? <RatingBadge rating={cell.rating as Rating} /> : cell.text}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {planTargets.length > 0 && <h2 className="group-heading">主要预期目标</h2>}
      {planTargets.map((target) => (
        <TargetFigures key={target.id} target={target} error={error} busy={busy} />
      ))}
      {commitments.length > 0 && <h2 className="group-heading">跟踪的重点任务</h2>}
      {commitments.map((target) => (
        <TargetFigures key={target.id} target={target} error={error} busy={busy} />
      ))}
      {canTrack && (
        <TrackCommitmentPanel
          proposals={proposals}
          prefill={prefill}
          lastResult={actionData && "track" in actionData ? actionData.track : null}
          busy={busy}
        />
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
