// The year so far for one target, drawn as a small SVG: this year's figures,
// the line they should follow (时间进度 for amounts, the target for rates) and
// last year's figures where known. No chart library: a few lines do it.
import { elapsedShare, type Period, periodShortLabel } from "~/progress/periods";
import { measureOf, type RatedTarget } from "~/progress/rating";

const WIDTH = 320;
const HEIGHT = 150;
const PAD = { left: 36, right: 26, top: 10, bottom: 24 };

type Point = { period: Period; actual: number };

export function ProgressChart({
  target,
  periods,
  figures,
  lastYear,
  label,
}: {
  target: RatedTarget;
  periods: Period[];
  figures: Point[];
  lastYear: Point[];
  /** What the chart says, for screen readers. */
  label: string;
}) {
  const value = Number(target.value);
  const { kind } = measureOf(target);
  // The line to follow: the target's share of the year gone, or the target rate itself.
  const guide = periods.map((period) => ({
    period,
    actual: kind === "amount" ? value * elapsedShare(period) : value,
  }));
  const top =
    Math.max(value, ...figures.map((f) => f.actual), ...lastYear.map((f) => f.actual), 0) * 1.15 ||
    1;
  const x = (period: Period) => {
    const index = periods.indexOf(period);
    const step = (WIDTH - PAD.left - PAD.right) / Math.max(periods.length - 1, 1);
    return PAD.left + Math.max(index, 0) * step;
  };
  const y = (actual: number) =>
    PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - Math.max(actual, 0) / top);
  const path = (points: Point[]) =>
    points
      .filter((p) => periods.includes(p.period))
      .map((p) => `${x(p.period).toFixed(1)},${y(p.actual).toFixed(1)}`)
      .join(" ");
  // Last year's periods carry last year's number: compare them by their place in the year.
  const lastYearHere = lastYear.flatMap((point) => {
    const at = periods.find((p) => p.slice(4) === point.period.slice(4));
    return at ? [{ period: at, actual: point.actual }] : [];
  });
  return (
    <figure className="progress-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
        <line className="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
        <text className="tick" x={PAD.left - 4} y={y(0)} textAnchor="end" dominantBaseline="middle">
          0
        </text>
        <text
          className="tick"
          x={PAD.left - 4}
          y={y(value)}
          textAnchor="end"
          dominantBaseline="middle"
        >
          {target.value}
        </text>
        {periods.map((period) => (
          <text key={period} className="tick" x={x(period)} y={HEIGHT - 6} textAnchor="middle">
            {periodShortLabel(period)}
          </text>
        ))}
        <polyline className="guide" points={path(guide)} />
        {lastYearHere.length > 0 && <polyline className="last-year" points={path(lastYearHere)} />}
        {figures.length > 0 && <polyline className="actual" points={path(figures)} />}
        {figures.map((f) => (
          <circle key={f.period} className="actual" cx={x(f.period)} cy={y(f.actual)} r={3} />
        ))}
      </svg>
      <figcaption className="chart-legend">
        <span className="legend actual">本年实际</span>
        <span className="legend guide">{kind === "amount" ? "时间进度" : "目标值"}</span>
        {lastYearHere.length > 0 && <span className="legend last-year">上年同期</span>}
      </figcaption>
    </figure>
  );
}
