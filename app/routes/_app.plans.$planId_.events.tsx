import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { EVENT_PAST_LABELS, stateLabel } from "~workflows/labels";

import { RouteErrorBoundary } from "~/components/error-page";
import { getPlan } from "~/models/plan.server";
import { listSections } from "~/models/section.server";
import { EVENTS_PAGE_SIZE, listPlanActors, listPlanEvents } from "~/models/workflow/record.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { z } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `审核记录 · ${data?.plan.title ?? "年度计划"}` },
];

const FiltersSchema = z.object({
  section: z.string().max(64).optional().catch(undefined),
  actor: z.string().max(64).optional().catch(undefined),
  event: z
    .enum(Object.keys(EVENT_PAST_LABELS) as [string, ...string[]])
    .optional()
    .catch(undefined),
});
const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const filters = FiltersSchema.parse(
    Object.fromEntries(Object.entries(search).filter(([, value]) => value !== "")),
  );
  const page = PageSchema.parse(search.page ?? 1);
  const [{ events, hasMore }, sections, actors] = await Promise.all([
    listPlanEvents(user.townId, plan.id, filters, {
      limit: EVENTS_PAGE_SIZE,
      offset: (page - 1) * EVENTS_PAGE_SIZE,
    }),
    listSections(user.townId, plan.id),
    listPlanActors(user.townId, plan.id),
  ]);
  return {
    plan: { id: plan.id, title: plan.title },
    events,
    page,
    pageSize: EVENTS_PAGE_SIZE,
    hasMore,
    filters,
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    actors,
  };
}

export default function PlanEvents() {
  const { plan, events, page, pageSize, hasMore, filters, sections, actors } =
    useLoaderData<typeof loader>();
  const pageLink = (to: number) =>
    `?${new URLSearchParams({ ...filters, ...(to > 1 ? { page: String(to) } : {}) })}`;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /
        审核记录
      </p>
      <div className="page-header">
        <h1>审核记录</h1>
        <span className="muted">每一次提交、审核、退回和催办都记录在此，记录不可修改或删除。</span>
      </div>
      <Form method="get" className="panel filters inline-form" aria-label="筛选审核记录">
        <label className="field">
          <span>章节</span>
          <select name="section" defaultValue={filters.section ?? ""}>
            <option value="">全部</option>
            <option value="plan">计划整体</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>办理人</span>
          <select name="actor" defaultValue={filters.actor ?? ""}>
            <option value="">全部</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>操作</span>
          <select name="event" defaultValue={filters.event ?? ""}>
            <option value="">全部</option>
            {Object.entries(EVENT_PAST_LABELS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          筛选
        </button>
        <Link to={`/plans/${plan.id}/events`}>清除筛选</Link>
      </Form>
      <section className="panel">
        {events.length === 0 ? (
          <p className="empty-state">没有符合条件的记录。</p>
        ) : (
          <table className="data-table" data-testid="event-list">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">事项</th>
                <th scope="col">办理人</th>
                <th scope="col">操作</th>
                <th scope="col">状态变化</th>
                <th scope="col">理由与说明</th>
                <th scope="col">存档稿</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td>{e.subject}</td>
                  <td className="nowrap">{e.actorName}</td>
                  <td>{e.eventLabel}</td>
                  <td>
                    {e.from === e.to
                      ? stateLabel(e.to, !!e.sectionId)
                      : `${stateLabel(e.from, !!e.sectionId)} → ${stateLabel(e.to, !!e.sectionId)}`}
                  </td>
                  <td className="keep-lines">
                    {e.reason}
                    {e.reason && e.note && "；"}
                    {e.note}
                  </td>
                  <td>
                    {e.snapshotId ? (
                      <Link to={`/plans/${plan.id}/snapshots/${e.snapshotId}`}>
                        {e.snapshotName}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {(page > 1 || hasMore) && (
          <nav className="pager" aria-label="翻页">
            {page > 1 ? <Link to={pageLink(page - 1)}>← 较新的记录</Link> : <span />}
            <span className="muted">
              第 {page} 页（每页 {pageSize} 条，按时间由新到旧）
            </span>
            {hasMore ? <Link to={pageLink(page + 1)}>较早的记录 →</Link> : <span />}
          </nav>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
