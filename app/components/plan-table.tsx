import { Link } from "@remix-run/react";

import { formatDateTime } from "~/utils/format";

export interface PlanRow {
  id: string;
  year: number;
  kind: string;
  title: string;
  stateLabel: string;
  updatedAt: string;
}

/** `createHref` is given to those who may open a plan: the empty state then leads there. */
export function PlanTable({ plans, createHref }: { plans: PlanRow[]; createHref?: string }) {
  if (plans.length === 0) {
    return (
      <div className="empty-state">
        <p>本镇还没有年度工作计划。</p>
        {createHref ? (
          <p>
            <Link to={createHref} className="button primary">
              新建年度计划
            </Link>
          </p>
        ) : (
          <p className="muted">党政办开启某一年度的计划后，计划会列在这里，各科室即可开始起草。</p>
        )}
      </div>
    );
  }
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">年度</th>
          <th scope="col">标题</th>
          <th scope="col">类型</th>
          <th scope="col">状态</th>
          <th scope="col">最近更新</th>
        </tr>
      </thead>
      <tbody>
        {plans.map((plan) => (
          <tr key={plan.id}>
            <td>{plan.year}年</td>
            <td>
              <Link to={`/plans/${plan.id}`}>{plan.title}</Link>
            </td>
            <td>{plan.kind}</td>
            <td>
              <span className="badge">{plan.stateLabel}</span>
            </td>
            <td>{formatDateTime(plan.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
