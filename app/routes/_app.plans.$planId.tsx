import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getPlan } from "~/models/plan.server";
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
  return { plan };
}

export default function PlanPage() {
  const { plan } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / {plan.year}年
      </p>
      <div className="page-header">
        <h1>{plan.title}</h1>
        <span className="badge">{plan.stateLabel}</span>
      </div>
      <section className="panel">
        <dl className="facts">
          <dt>年度</dt>
          <dd>{plan.year}年</dd>
          <dt>类型</dt>
          <dd>{plan.kind}</dd>
          <dt>状态</dt>
          <dd>{plan.stateLabel}</dd>
          <dt>最近更新</dt>
          <dd>{formatDateTime(plan.updatedAt)}</dd>
        </dl>
      </section>
    </>
  );
}
