// 进度 as the plan page and the progress page show it: a badge and a sentence
// a clerk would write ("第二季度完成2个，占全年目标40%，时间进度50%").
import { Link } from "@remix-run/react";

import { type Period, periodLabel } from "~/progress/periods";
import {
  type Assessment,
  measureOf,
  percent,
  type RatedTarget,
  type Rating,
} from "~/progress/rating";
import { reportColumn } from "~/progress/report-draft";

import { ProgressChart } from "./progress-chart";

const RATING_CLASS: Record<Rating, string> = {
  超进度: "ok",
  达进度: "",
  欠进度: "danger",
};

export function RatingBadge({ rating }: { rating: Rating }) {
  return <span className={`badge ${RATING_CLASS[rating]}`}>{rating}</span>;
}

type Assessed = Assessment & { period: Period; actual: number };

export function ratingSentence(target: RatedTarget, assessed: Assessed): string {
  const when = periodLabel(assessed.period);
  const { kind } = measureOf(target);
  const goal = `${target.value}${target.unit}${target.qualifier ?? ""}`;
  if (kind === "amount" && assessed.share !== null) {
    return `截至${when}完成${assessed.actual}${target.unit}，占全年目标${percent(assessed.share)}，时间进度${percent(assessed.elapsed)}，${assessed.rating}`;
  }
  return `截至${when}为${assessed.actual}${target.unit}，目标${goal}，${assessed.rating}`;
}

type SummaryTarget = RatedTarget & {
  id: string;
  departmentName: string | null;
  commitment?: { sectionTitle: string; source: string | null } | null;
  figures: { period: Period; actual: number }[];
  lastYear: { period: Period; actual: number }[];
  assessment: Assessed | null;
};

/**
 * One target: its name and goal, office, 进度 in a sentence, and the chart of
 * its year so far (the plan page's panel and the progress page).
 */
export function TargetSummary({
  target,
  periods,
  heading: Heading,
  headingId,
}: {
  target: SummaryTarget;
  periods: Period[];
  heading: "h2" | "h3";
  headingId?: string;
}) {
  const sentence = target.assessment ? ratingSentence(target, target.assessment) : null;
  return (
    <div className="target-progress-item">
      <div>
        <Heading id={headingId}>
          {target.name}
          {target.value}
          {target.unit}
          {target.qualifier ?? ""}
        </Heading>
        <p className="muted">
          {target.commitment && `重点任务，出自“${target.commitment.sectionTitle}” · `}
          责任科室：{target.departmentName ?? "未指定"}
        </p>
        {target.commitment?.source && (
          <p className="muted small-note">原文：{target.commitment.source}</p>
        )}
        <p>
          {target.assessment ? (
            <>
              <RatingBadge rating={target.assessment.rating} /> {sentence}
            </>
          ) : (
            <span className="muted">尚无报送数字</span>
          )}
        </p>
      </div>
      <ProgressChart
        target={target}
        periods={periods}
        figures={target.figures}
        lastYear={target.lastYear}
        label={`${target.name}：${sentence ?? "尚无报送数字"}`}
      />
    </div>
  );
}

/** The plan page's panel: each target's 进度 and its year so far. */
export function TargetProgressPanel({
  planId,
  periods,
  targets,
}: {
  planId: string;
  periods: Period[];
  targets: SummaryTarget[];
}) {
  return (
    <section className="panel" aria-labelledby="progress-heading" data-testid="target-progress">
      <div className="panel-header">
        <h2 id="progress-heading">目标进度（时间过半、任务过半）</h2>
        <Link className="button" to={`/plans/${planId}/progress`}>
          报送和确认进度
        </Link>
      </div>
      <ul className="target-progress-list">
        {targets.map((target) => (
          <li key={target.id}>
            <TargetSummary target={target} periods={periods} heading="h3" />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A report's targets: the year's target, the figure to date, the share done and 进度. */
export function ReportFiguresTable({
  period,
  targets,
}: {
  period: Period;
  targets: {
    id: string;
    name: string;
    goal: string;
    actual: string | null;
    assessment: Assessment | null;
  }[];
}) {
  // As in the Word file: 完成比例 only where an amount has one.
  const shares = targets.some((target) => target.assessment?.share != null);
  return (
    <table className="data-table" data-testid="report-figures">
      <thead>
        <tr>
          <th scope="col">指标</th>
          <th scope="col" className="num">
            全年目标
          </th>
          <th scope="col" className="num">
            {reportColumn(period)}
          </th>
          {shares && (
            <th scope="col" className="num">
              完成比例
            </th>
          )}
          <th scope="col">进度</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((target) => (
          <tr key={target.id}>
            <td>{target.name}</td>
            <td className="num">{target.goal}</td>
            <td className="num">{target.actual ?? "—"}</td>
            {shares && (
              <td className="num">
                {target.assessment?.share != null ? percent(target.assessment.share) : "—"}
              </td>
            )}
            <td>
              {target.assessment ? (
                <RatingBadge rating={target.assessment.rating} />
              ) : (
                <span className="muted">未报送</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
