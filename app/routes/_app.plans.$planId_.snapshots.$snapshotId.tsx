import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { RouteErrorBoundary } from "~/components/error-page";
import { getPlan } from "~/models/plan.server";
import { getSnapshot } from "~/models/workflow/snapshots.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.snapshot.name ?? "存档稿"} · ${data?.plan.title ?? ""}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const snapshot = await getSnapshot(user.townId, plan.id, params.snapshotId ?? "");
  if (!snapshot) notFound("该存档稿不存在。");
  return { plan: { id: plan.id, title: plan.title }, snapshot };
}

function Blocks({ blocks }: { blocks: string[] }) {
  return (
    <>
      {blocks.map((line, index) => (
        <p key={index} className="body-text">
          {line}
        </p>
      ))}
    </>
  );
}

/** A 存档稿: the text exactly as it stood at a workflow step, read-only for good. */
export default function SnapshotPage() {
  const { plan, snapshot } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /{" "}
        <Link to={`/plans/${plan.id}/events`}>审核记录</Link> / {snapshot.name}
      </p>
      <div className="page-header">
        <h1>
          {snapshot.subject}·{snapshot.name}
        </h1>
        <span className="muted">存档于 {formatDateTime(snapshot.at)}，不可修改</span>
      </div>
      <article className="panel snapshot">
        {snapshot.kind === "section" ? (
          <Blocks blocks={snapshot.blocks} />
        ) : (
          <>
            <Blocks blocks={snapshot.preamble} />
            {snapshot.targets.length > 0 && (
              <p className="body-text">
                主要预期目标：
                {snapshot.targets
                  .map((t) => `${t.name}${t.value}${t.unit}${t.qualifier ?? ""}`)
                  .join("，")}
                。
              </p>
            )}
            {snapshot.sections.map((section) => (
              <section key={section.title}>
                <h2>{section.title}</h2>
                <Blocks blocks={section.blocks} />
              </section>
            ))}
            <Blocks blocks={snapshot.closing} />
          </>
        )}
      </article>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
