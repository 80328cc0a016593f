import { Link } from "@remix-run/react";

import { stateLabel } from "~workflows/labels";
import { PLAN_STATE_LABELS, PLAN_STATES } from "~workflows/plan";
import { SECTION_STATE_LABELS, SECTION_STATES } from "~workflows/section";

type Section = { id: string; title: string; state: string };
type Day = { date: string; counts: Record<string, number> };

/** The section's way as steps: 起草 → 分管领导审核 → 通过; a return shows on the first step. */
const SECTION_STEPS = [
  { label: "起草", states: ["drafting", "returned"] },
  { label: "分管领导审核", states: ["leaderReview"] },
  { label: "通过", states: ["approved"] },
];

function stepClass(stepIndex: number, state: string) {
  const at = SECTION_STEPS.findIndex((step) => step.states.includes(state));
  if (stepIndex < at) return "done";
  if (stepIndex > at) return "todo";
  if (state === "returned") return "returned";
  return state === "approved" ? "done" : "current";
}

/** The plan's progress on one board: plan pipeline, each section's pipeline, a chart over time. */
export function ProgressBoard({
  planId,
  planState,
  sections,
  history,
}: {
  planId: string;
  planState: string;
  sections: Section[];
  history: Day[];
}) {
  const approved = sections.filter((s) => s.state === "approved").length;
  const planAt = PLAN_STATES.indexOf(planState as (typeof PLAN_STATES)[number]);
  return (
    <section
      className="panel progress-board"
      aria-labelledby="progress-heading"
      data-testid="progress-board"
    >
      <div className="panel-header">
        <h2 id="progress-heading">进度看板</h2>
        <strong data-testid="approved-count">
          已通过 {approved}/{sections.length}
        </strong>
        <Link to={`/plans/${planId}/events`}>审核记录</Link>
      </div>
      <ol className="pipeline plan-pipeline" aria-label="计划进度">
        {PLAN_STATES.map((state, index) => (
          <li
            key={state}
            className={index < planAt ? "done" : index === planAt ? "current" : "todo"}
            aria-current={index === planAt ? "step" : undefined}
          >
            {PLAN_STATE_LABELS[state]}
          </li>
        ))}
      </ol>
      <table className="pipeline-table">
        <tbody>
          {sections.map((section) => (
            <tr key={section.id}>
              <th scope="row">{section.title}</th>
              <td>
                <ol
                  className="pipeline"
                  aria-label={`${section.title}：${stateLabel(section.state, true)}`}
                >
                  {SECTION_STEPS.map((step, index) => (
                    <li key={step.label} className={stepClass(index, section.state)}>
                      {index === 0 && section.state === "returned" ? "退回修改" : step.label}
                    </li>
                  ))}
                </ol>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <StatesChart history={history} total={sections.length} />
    </section>
  );
}

const COLORS: Record<string, string> = {
  drafting: "#b8bec8",
  returned: "#e8913a",
  leaderReview: "#3d7fd9",
  approved: "#2e9d5b",
};

/** Stacked bars: sections per state at the end of each day. */
function StatesChart({ history, total }: { history: Day[]; total: number }) {
  if (history.length === 0 || total === 0) return null;
  const barWidth = 18;
  const gap = 6;
  const height = 90;
  // A date label ("11-22") is wider than a bar: label every other day counting back from the
  // latest, and leave room at the edges.
  const margin = 8;
  const labelled = (index: number) => (history.length - 1 - index) % 2 === 0;
  const width = history.length * (barWidth + gap) + 2 * margin;
  return (
    <figure className="states-chart">
      <figcaption>各状态章节数（按日）</figcaption>
      <svg width={width} height={height + 18} role="img" aria-label="各状态章节数随时间变化">
        {history.map((day, index) => {
          let y = height;
          return (
            <g key={day.date} transform={`translate(${margin + index * (barWidth + gap)},0)`}>
              <title>
                {day.date}：
                {SECTION_STATES.map((s) => `${SECTION_STATE_LABELS[s]} ${day.counts[s] ?? 0}`).join(
                  "，",
                )}
              </title>
              {SECTION_STATES.map((state) => {
                const h = ((day.counts[state] ?? 0) / total) * height;
                y -= h;
                return h > 0 ? (
                  <rect key={state} x={0} y={y} width={barWidth} height={h} fill={COLORS[state]} />
                ) : null;
              })}
              {labelled(index) && (
                <text x={barWidth / 2} y={height + 13} textAnchor="middle" fontSize="10">
                  {day.date.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend">
        {SECTION_STATES.map((state) => (
          <li key={state}>
            <span className="swatch" style={{ background: COLORS[state] }} />
            {SECTION_STATE_LABELS[state]}
          </li>
        ))}
      </ul>
    </figure>
  );
}
