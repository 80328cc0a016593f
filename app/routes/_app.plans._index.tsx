import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { PlanTable } from "~/components/plan-table";
import { listPlans } from "~/models/plan.server";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "年度计划 · 年度工作计划编审系统" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { plans: await listPlans(user.townId) };
}

export default function PlansPage() {
  const { plans } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>年度计划</h1>
        <p className="muted">本镇历年的年度工作计划与工作要点。</p>
      </div>
      <section className="panel">
        <PlanTable plans={plans} />
      </section>
    </>
  );
}
