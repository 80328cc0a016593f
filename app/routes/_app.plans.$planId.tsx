import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { RouteErrorBoundary } from "~/components/error-page";
import { getPlan, getPlanTexts, listTargets } from "~/models/plan.server";
import { editPermission, listSections } from "~/models/section.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.plan.title ?? "年度计划"} · 年度工作计划编审系统` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Scoped by town: another town's plan id is simply "not found".
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const [sections, targets, texts] = await Promise.all([
    listSections(user.townId, plan.id),
    listTargets(user.townId, plan.id),
    getPlanTexts(user.townId, plan.id),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  return {
    plan: { ...plan, deadline: texts?.deadline ?? null },
    preamble: texts?.preamble ?? "",
    sections: sections.map((section) => ({
      ...section,
      overdue: Boolean(
        section.deadline && section.deadline < today && section.state !== "approved",
      ),
      editable: editPermission(user, section).allowed,
    })),
    targets,
  };
}

export default function PlanPage() {
  const { plan, preamble, sections, targets } = useLoaderData<typeof loader>();
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
        </span>
      </div>

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
            </tr>
          </thead>
          <tbody>
            {sections.map((section) => (
              <tr key={section.id}>
                <td>{section.position}</td>
                <td>
                  <Link to={`/plans/${plan.id}/sections/${section.id}`}>{section.title}</Link>
                  {section.editable && <span className="badge ok">可编辑</span>}
                </td>
                <td>{section.departmentName ?? "—"}</td>
                <td>{section.leaderName ?? "—"}</td>
                <td className={section.overdue ? "overdue" : undefined}>
                  {section.deadline ?? "—"}
                  {section.overdue && "（已逾期）"}
                </td>
                <td>
                  <span className="badge">{section.stateLabel}</span>
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
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="two-columns">
        <section className="panel" aria-labelledby="preamble-heading">
          <h2 id="preamble-heading">形势与总体要求</h2>
          {preamble.split("\n").map((line, index) => (
            <p key={index} className="body-text">
              {line}
            </p>
          ))}
        </section>
        <section className="panel" aria-labelledby="targets-heading">
          <h2 id="targets-heading">主要预期目标</h2>
          {targets.length === 0 ? (
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
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
