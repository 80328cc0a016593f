import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { RouteErrorBoundary } from "~/components/error-page";
import { PrintPreview } from "~/components/print-preview";
import { planBlocks } from "~/export/model";
import { exportInputFor } from "~/models/export.server";
import previewStyles from "~/styles/print-preview.css";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export const links = () => [{ rel: "stylesheet", href: previewStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `打印预览 · ${data?.plan.title ?? "年度计划"}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await exportInputFor(user.townId, params.planId ?? "");
  if (!found) notFound("该年度计划不存在，或不属于您所在的镇。");
  return {
    plan: found.plan,
    blocks: planBlocks(found.input),
    fonts: found.input.fonts,
  };
}

export default function PreviewPage() {
  const { plan, blocks, fonts } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="no-print">
        <p className="breadcrumb">
          <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /
          打印预览
        </p>
        <div className="page-header">
          <h1>打印预览</h1>
          <span className="muted">
            按 A4、每页 22 行 × 28 字排版，字体以本机已装字体近似显示；以导出的 Word 文件为准。
            {!plan.final && "计划尚未审定，文档标注“征求意见稿”。"}
          </span>
        </div>
        <p className="workflow-buttons">
          <a className="button primary" href={`/plans/${plan.id}/export.docx`} download>
            导出 Word
          </a>
          <button type="button" className="button" onClick={() => window.print()}>
            打印
          </button>
        </p>
      </div>
      <PrintPreview blocks={blocks} fonts={fonts} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
