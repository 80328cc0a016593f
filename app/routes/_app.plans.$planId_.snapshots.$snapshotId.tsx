import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { DocumentView } from "~/components/document";
import { RouteErrorBoundary } from "~/components/error-page";
import { inputFromCopy } from "~/export/copy";
import { sectionBlocks } from "~/export/document-diff";
import { planBlocks } from "~/export/model";
import { getExportFonts, getListStyle } from "~/models/export.server";
import { getPlan } from "~/models/plan.server";
import { getSnapshot } from "~/models/workflow/snapshots.server";
import previewStyles from "~/styles/print-preview.css";
import { requireUser } from "~/utils/auth.server";
import { formatDateKey } from "~/utils/dates";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { issuerOf } from "~/utils/issuer";

export const links = () => [{ rel: "stylesheet", href: previewStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.snapshot.name ?? "存档稿"} · ${data?.plan.title ?? ""}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const snapshot = await getSnapshot(user.townId, plan.id, params.snapshotId ?? "");
  if (!snapshot) notFound("该存档稿不存在。");
  const [fonts, listStyle] = await Promise.all([
    getExportFonts(user.townId),
    getListStyle(user.townId),
  ]);
  // Laid out as the document prints: numbered headings, list markers, tables, targets.
  const blocks =
    snapshot.kind === "plan"
      ? planBlocks(
          inputFromCopy(snapshot.copy, {
            draft: false,
            documentNumber: null,
            date: formatDateKey(snapshot.at),
            issuer: issuerOf,
            townName: user.townName,
          }),
        )
      : sectionBlocks(snapshot.content, { position: snapshot.position, listStyle });
  return {
    plan: { id: plan.id, title: plan.title },
    snapshot: { name: snapshot.name, at: snapshot.at, subject: snapshot.subject },
    blocks,
    fonts: snapshot.kind === "plan" ? (snapshot.copy.fonts ?? fonts) : fonts,
  };
}

/** A 存档稿: the text exactly as it stood at a workflow step, laid out as it prints. */
export default function SnapshotPage() {
  const { plan, snapshot, blocks, fonts } = useLoaderData<typeof loader>();
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
      <DocumentView blocks={blocks} fonts={fonts} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
