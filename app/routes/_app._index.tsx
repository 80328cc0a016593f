import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { PlanTable } from "~/components/plan-table";
import { listPlans } from "~/models/plan.server";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "工作台 · 年度工作计划编审系统" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    displayName: user.displayName,
    townName: user.townName,
    plans: await listPlans(user.townId),
  };
}

export default function Dashboard() {
  const { displayName, townName, plans } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>工作台</h1>
        <p className="muted">
          {displayName}，您好。这里是{townName}的年度工作计划编审工作台。
        </p>
      </div>
      <section className="panel" aria-labelledby="plans-heading">
        <h2 id="plans-heading">本镇年度计划</h2>
        <PlanTable plans={plans} />
      </section>
    </>
  );
}
