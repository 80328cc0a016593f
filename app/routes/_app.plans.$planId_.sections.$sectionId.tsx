import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { RouteErrorBoundary } from "~/components/error-page";
import { SectionEditor } from "~/editor/section-editor";
import editorStyles from "~/styles/editor.css";
import { editPermission, getPlanSection } from "~/models/section.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const links = () => [{ rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.section.title ?? "章节"} · ${data?.plan.title ?? ""}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await getPlanSection(user.townId, params.planId ?? "", params.sectionId ?? "");
  if (!found) notFound("该章节不存在，或不属于您所在的镇。");
  const { plan, section } = found;
  const permission = editPermission(user, section);
  return {
    plan: { id: plan.id, title: plan.title, year: plan.year },
    section: {
      id: section.id,
      title: section.title,
      position: section.position,
      departmentName: section.departmentName,
      leaderName: section.leaderName,
      deadline: section.deadline,
      stateLabel: section.stateLabel,
      version: section.version,
      content: section.content,
      updatedByName: section.updatedByName,
      updatedAt: section.updatedAt,
    },
    editable: permission.allowed,
    readOnlyReason: permission.allowed ? null : permission.reason,
  };
}

export default function SectionPage() {
  const { plan, section, editable, readOnlyReason } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /{" "}
        {section.title}
      </p>
      <div className="page-header">
        <h1>{section.title}</h1>
        <span className="badge">{section.stateLabel}</span>
        <span className="muted">
          {section.departmentName ?? "未指定科室"} 起草 · 分管领导 {section.leaderName ?? "未指定"}{" "}
          · 截止 {section.deadline ?? "未定"} ·{" "}
          {section.updatedByName
            ? `最近由 ${section.updatedByName} 保存于 ${formatDateTime(section.updatedAt)}`
            : "尚未编辑（模板内容）"}
        </span>
      </div>
      <p className="section-links">
        <Link to={`/plans/${plan.id}/sections/${section.id}/history`}>修改历史</Link>
      </p>
      {readOnlyReason && (
        <div className="alert info" role="note" data-testid="read-only-note">
          只读：{readOnlyReason}
        </div>
      )}
      <SectionEditor
        key={`${section.id}-${section.version}`}
        sectionId={section.id}
        saveUrl={`/sections/${section.id}/content`}
        presenceUrl={`/sections/${section.id}/presence`}
        content={section.content}
        version={section.version}
        editable={editable}
        firstHeadingNumber={section.position}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
