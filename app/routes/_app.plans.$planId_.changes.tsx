import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { BaselinePicker, ChangesLegend, TrackedDocument } from "~/components/changes-view";
import { RouteErrorBoundary } from "~/components/error-page";
import { mergeAuthors } from "~/editor/attribution";
import { sectionBlocks } from "~/export/document-diff";
import { planChanges } from "~/models/changes.server";
import { getExportFonts, getListStyle } from "~/models/export.server";
import { getPlan } from "~/models/plan.server";
import previewStyles from "~/styles/print-preview.css";
import { requireUser } from "~/utils/auth.server";
import { ChangesQuerySchema } from "~/utils/changes-validation";
import { formatDateTime } from "~/utils/format";
import { badRequest, notFound } from "~/utils/http.server";

export const links = () => [{ rel: "stylesheet", href: previewStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `修改痕迹 · ${data?.plan.title ?? "年度计划"}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const query = ChangesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) badRequest("参数有误，请从计划页重新打开修改痕迹。");
  const found = await planChanges(user, plan.id, query.data.since);
  if ("refused" in found) notFound(found.refused);
  const [fonts, listStyle] = await Promise.all([
    getExportFonts(user.townId),
    getListStyle(user.townId),
  ]);
  return {
    plan: { id: plan.id, title: plan.title },
    since: query.data.since,
    sinceCopy: found.since,
    only: query.data.author,
    choices: found.choices,
    // One colour per person across the whole plan.
    authors: mergeAuthors(found.sections.map((s) => s.changes.tracked.authors)),
    sections: found.sections.map(({ section, changes }) => ({
      id: section.id,
      title: section.title,
      baseline: { name: changes.baseline.name, at: changes.baseline.at },
      count: changes.tracked.changes.length,
      blocks:
        changes.tracked.changes.length === 0
          ? []
          : sectionBlocks(JSON.stringify(changes.tracked.annotated), {
              position: section.position,
              listStyle,
            }),
    })),
    fonts,
  };
}

export default function PlanChangesPage() {
  const { plan, since, sinceCopy, only, choices, authors, sections, fonts } =
    useLoaderData<typeof loader>();
  const total = sections.reduce((sum, s) => sum + s.count, 0);
  const changed = sections.filter((s) => s.count > 0);
  const unchanged = sections.filter((s) => s.count === 0);
  const exportHref = `/plans/${plan.id}/export.docx?tracked=1${
    since ? `&since=${encodeURIComponent(since)}` : ""
  }`;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /
        修改痕迹
      </p>
      <div className="page-header">
        <h1>{plan.title} · 修改痕迹</h1>
        <span className="muted">
          {sinceCopy
            ? `对照 ${sinceCopy.name}（${formatDateTime(sinceCopy.at)}）以来的修改`
            : "各章节对照您的默认起点（送审稿，或开始统稿时的文本）"}
          ，共 {total} 处
        </span>
      </div>
      <section className="panel stack" aria-labelledby="changes-tools">
        <h2 id="changes-tools" className="visually-hidden">
          比较起点和操作
        </h2>
        <BaselinePicker choices={choices} since={since} defaultName="各章节的默认起点" />
        {authors.length > 0 && <ChangesLegend authors={authors} only={only} />}
        <p className="workflow-buttons">
          <a className="button" href={exportHref} download>
            导出修订稿
          </a>
        </p>
        <p className="muted small-note">
          撤销某处修改或清稿，请进入该章节的修改痕迹；开始统稿和完成修改时也可一并清稿。
        </p>
      </section>
      {changed.length === 0 && (
        <p className="empty-state" data-testid="no-changes">
          各章节自比较起点以来都没有修改。
        </p>
      )}
      {changed.map((section) => (
        <section
          key={section.id}
          className="plan-section-changes"
          aria-label={`${section.title}的修改`}
          data-testid="section-changes"
        >
          <p className="section-links">
            <Link
              to={`/plans/${plan.id}/sections/${section.id}/changes${since ? `?since=${since}` : ""}`}
            >
              {section.title}：{section.count} 处修改（对照{section.baseline.name}），逐处查看或撤销
            </Link>
          </p>
          <TrackedDocument blocks={section.blocks} authors={authors} only={only} fonts={fonts} />
        </section>
      ))}
      {changed.length > 0 && unchanged.length > 0 && (
        <p className="muted">没有修改的章节：{unchanged.map((s) => s.title).join("、")}</p>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
