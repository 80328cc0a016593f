import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { DocumentDiffView } from "~/components/document";
import { RouteErrorBoundary } from "~/components/error-page";
import { diffContents, summarize } from "~/editor/diff";
import { diffSectionVersions } from "~/export/document-diff";
import { getExportFonts, getListStyle } from "~/models/export.server";
import previewStyles from "~/styles/print-preview.css";
import { listRevisions, saveSectionContent } from "~/models/section.server";
import { when } from "~/models/workflow/stale.server";
import { allowed, assertCan } from "~/policies/policy.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { badRequest, notFound } from "~/utils/http.server";
import { requirePlanSection } from "~/utils/section-route.server";
import { setFlash } from "~/utils/session.server";
import { z } from "~/utils/validation";

export const links = () => [{ rel: "stylesheet", href: previewStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `修改历史 · ${data?.section.title ?? "章节"}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { plan, section } = await requirePlanSection(user, params);
  const revisions = await listRevisions(user.townId, section.id);
  const url = new URL(request.url);
  // Default: the newest revision against the one before it.
  const to = revisions.find((r) => r.id === url.searchParams.get("to")) ?? revisions[0];
  const from =
    revisions.find((r) => r.id === url.searchParams.get("from")) ??
    (to ? revisions[revisions.indexOf(to) + 1] : undefined);
  const [fonts, listStyle] = await Promise.all([
    getExportFonts(user.townId),
    getListStyle(user.townId),
  ]);
  // Compared as the section prints: numbered headings, list markers, tables.
  const diff = to
    ? diffSectionVersions(from?.content ?? "", to.content, {
        position: section.position,
        listStyle,
      })
    : [];
  return {
    fonts,
    plan: { id: plan.id, title: plan.title },
    section: { id: section.id, title: section.title, version: section.version },
    canRestore: allowed(user, "section.edit", section),
    revisions: revisions.map((revision, index) => {
      const previous = revisions[index + 1];
      const change = summarize(diffContents(previous?.content ?? "", revision.content));
      return {
        id: revision.id,
        version: revision.version,
        authorName: revision.authorName,
        characters: revision.characters,
        reason: revision.reason,
        updatedAt: revision.updatedAt,
        previousId: previous?.id ?? null,
        change,
        isCurrent: revision.version === section.version,
      };
    }),
    fromId: from?.id ?? null,
    toId: to?.id ?? null,
    diff,
  };
}

const RestoreSchema = z.object({
  intent: z.literal("restore"),
  revisionId: z.string().min(1),
  /** The section's version the page showed: a restore never overwrites a later save. */
  baseVersion: z.coerce.number().int().min(0),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { plan, section } = await requirePlanSection(user, params);
  const parsed = RestoreSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) badRequest("参数有误，请刷新页面后重试。");
  assertCan(user, "section.edit", section);
  const revision = (await listRevisions(user.townId, section.id)).find(
    (r) => r.id === parsed.data.revisionId,
  );
  if (!revision) notFound("该历史版本不存在。");
  const label = `${formatDateTime(revision.updatedAt)} ${revision.authorName ?? ""}`.trim();
  const result = await saveSectionContent(
    user,
    section.id,
    revision.content,
    parsed.data.baseVersion,
    { reason: `恢复为 ${label} 的版本` },
  );
  const refused = (status: number, restoreError: string) => data({ restoreError }, { status });
  switch (result.status) {
    case "saved":
      await setFlash(request, `已恢复为 ${label} 的版本（作为新版本保存）`);
      return redirect(`/plans/${plan.id}/sections/${section.id}/history`);
    case "unchanged":
      await setFlash(request, "该版本与当前内容相同，无需恢复");
      return redirect(`/plans/${plan.id}/sections/${section.id}/history`);
    case "conflict":
      return refused(
        409,
        `恢复未执行：内容已由 ${result.savedBy ?? "他人"} 于 ${when(result.savedAt)} 修改。请查看最新版本后再决定是否恢复。`,
      );
    case "forbidden":
      return refused(403, result.reason);
    case "invalid":
      return refused(result.httpStatus, `恢复未执行：${result.message}`);
    case "missing":
      return refused(404, "该章节已不存在。");
  }
}

export default function HistoryPage() {
  const { plan, section, canRestore, revisions, fromId, toId, diff, fonts } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const label = (id: string | null) => {
    const revision = revisions.find((r) => r.id === id);
    return revision
      ? `${formatDateTime(revision.updatedAt)} ${revision.authorName ?? ""}`
      : "（空白）";
  };
  const options = revisions.map((revision) => ({ value: revision.id, label: label(revision.id) }));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /{" "}
        <Link to={`/plans/${plan.id}/sections/${section.id}`}>{section.title}</Link> / 修改历史
      </p>
      <div className="page-header">
        <h1>{section.title} · 修改历史</h1>
        <span className="muted">同一人 10 分钟内的连续保存合并为一个版本</span>
      </div>
      {actionData && "restoreError" in actionData && (
        <p className="alert error" role="alert" data-testid="restore-error">
          {actionData.restoreError}
        </p>
      )}
      <div className="stack-columns">
        <section className="panel" aria-labelledby="diff-heading">
          <h2 id="diff-heading">版本比较</h2>
          <Form method="get" className="compare-form">
            <RevisionSelect name="from" label="原版本" value={fromId} options={options} />
            <RevisionSelect name="to" label="新版本" value={toId} options={options} />
            <button type="submit" className="button">
              比较
            </button>
          </Form>
          <p className="muted">
            {label(fromId)} → {label(toId)}：<ins className="legend">新增</ins>{" "}
            <del className="legend">删除</del>
          </p>
          <DocumentDiffView diff={diff} fonts={fonts} />
        </section>
        <section className="panel" aria-labelledby="revisions-heading">
          <h2 id="revisions-heading">版本（{revisions.length}）</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">保存时间</th>
                <th scope="col" className="nowrap">
                  作者
                </th>
                <th scope="col" className="num nowrap">
                  字数
                </th>
                <th scope="col" className="nowrap">
                  变化
                </th>
                <th scope="col">
                  <span className="visually-hidden">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((revision) => (
                <tr key={revision.id}>
                  <td>
                    <span className="nowrap">{formatDateTime(revision.updatedAt)}</span>
                    {revision.reason && <div className="muted">{revision.reason}</div>}
                  </td>
                  <td className="nowrap">{revision.authorName ?? "—"}</td>
                  <td className="num">{revision.characters}</td>
                  <td className="nowrap">
                    <span className="diff-count">
                      +{revision.change.added} / −{revision.change.removed}
                    </span>
                  </td>
                  <td>
                    {revision.previousId && (
                      <Link to={`?from=${revision.previousId}&to=${revision.id}`}>
                        与上一版比较
                      </Link>
                    )}
                    {revision.isCurrent ? (
                      <span className="badge ok">当前版本</span>
                    ) : (
                      canRestore && (
                        <Form method="post">
                          <input type="hidden" name="revisionId" value={revision.id} />
                          <input type="hidden" name="baseVersion" value={section.version} />
                          <button
                            type="submit"
                            name="intent"
                            value="restore"
                            className="link-button"
                            disabled={navigation.state !== "idle"}
                          >
                            恢复此版本
                          </button>
                        </Form>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}

function RevisionSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | null;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="field">
      <span>{label}</span>
      {/* Keyed on the value: after 与上一版比较 or a restore the select shows the new pair. */}
      <select key={value ?? ""} name={name} defaultValue={value ?? ""}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
