import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { BaselinePicker, ChangesLegend, TrackedDocument } from "~/components/changes-view";
import { RouteErrorBoundary } from "~/components/error-page";
import { sectionBlocks } from "~/export/document-diff";
import { cleanCopySection, changesOf, undoChanges } from "~/models/changes.server";
import { getExportFonts, getListStyle } from "~/models/export.server";
import { allowed } from "~/policies/policy.server";
import previewStyles from "~/styles/print-preview.css";
import { requireUser } from "~/utils/auth.server";
import { ChangeActionSchema, ChangesQuerySchema } from "~/utils/changes-validation";
import { formatDateTime, formatMonthDayTime } from "~/utils/format";
import { badRequest, notFound } from "~/utils/http.server";
import { requirePlanSection } from "~/utils/section-route.server";
import { setFlash } from "~/utils/session.server";

export const links = () => [{ rel: "stylesheet", href: previewStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `修改痕迹 · ${data?.section.title ?? "章节"}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { plan, section } = await requirePlanSection(user, params);
  const query = ChangesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) badRequest("参数有误，请从章节页重新打开修改痕迹。");
  const view = await changesOf(user, section, query.data.since);
  if (!view) notFound("没有找到所选的比较起点，它可能不属于本章节。");
  const [fonts, listStyle] = await Promise.all([
    getExportFonts(user.townId),
    getListStyle(user.townId),
  ]);
  return {
    plan: { id: plan.id, title: plan.title },
    section: { id: section.id, title: section.title, version: view.version },
    since: query.data.since,
    only: query.data.author,
    baseline: { name: view.baseline.name, at: view.baseline.at },
    defaultName: view.defaultName,
    choices: view.choices,
    changes: view.tracked.changes,
    authors: view.tracked.authors,
    blocks: sectionBlocks(JSON.stringify(view.tracked.annotated), {
      position: section.position,
      listStyle,
    }),
    fonts,
    canUndo: allowed(user, "section.edit", section),
    canCleanCopy: allowed(user, "section.cleanCopy", section),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { plan, section } = await requirePlanSection(user, params);
  const parsed = ChangeActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return data({ error: parsed.error.issues[0]?.message ?? "参数有误" }, { status: 422 });
  }
  const input = parsed.data;
  const here = `/plans/${plan.id}/sections/${section.id}/changes`;
  const back = input.since ? `${here}?since=${encodeURIComponent(input.since)}` : here;
  if (input.intent === "cleanCopy") {
    const result = await cleanCopySection(user, section.id, input);
    if (!result.ok) return data({ error: result.message }, { status: result.status });
    await setFlash(request, "已接受全部修订（清稿），修改前的修订稿已存为“花脸稿”。");
    // Views start from the 清稿 now.
    return redirect(here);
  }
  const result = await undoChanges(user, section.id, {
    since: input.since,
    baseVersion: input.baseVersion,
    ...(input.intent === "undo" ? { changeId: input.changeId } : { authorId: input.authorId }),
  });
  switch (result.status) {
    case "saved":
      await setFlash(request, "已撤销，撤销后的文本已作为新版本保存。");
      return redirect(back);
    case "unchanged":
      return redirect(back);
    case "forbidden":
      return data({ error: result.reason }, { status: 403 });
    case "invalid":
      return data({ error: result.message }, { status: result.httpStatus });
    case "missing":
      notFound("该章节不存在。");
      break;
    case "conflict":
    case "stale":
    case "gone":
      return data(
        {
          error:
            "message" in result
              ? result.message
              : `内容已由 ${result.savedBy ?? "他人"} 修改，请刷新页面后再撤销。`,
        },
        { status: 409 },
      );
  }
}

const VERB = { insert: "插入", delete: "删除" } as const;

/** A change's text for the list: paragraph breaks said in words, long text shortened. */
function shown(text: string): string {
  if (text === "\n") return "（段落分隔）";
  const flat = text.replace(/\n$/, "").replaceAll("\n", " ↵ ");
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

export default function SectionChangesPage() {
  const {
    plan,
    section,
    since,
    only,
    baseline,
    defaultName,
    choices,
    changes,
    authors,
    blocks,
    fonts,
    canUndo,
    canCleanCopy,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const hidden = (
    <>
      <input type="hidden" name="since" value={since ?? ""} />
      <input type="hidden" name="baseVersion" value={section.version} />
    </>
  );
  const listed = only ? changes.filter((c) => c.author.id === only) : changes;
  const exportHref = `/plans/${plan.id}/export.docx?tracked=1&section=${section.id}${
    since ? `&since=${encodeURIComponent(since)}` : ""
  }`;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /{" "}
        <Link to={`/plans/${plan.id}/sections/${section.id}`}>{section.title}</Link> / 修改痕迹
      </p>
      <div className="page-header">
        <h1>{section.title} · 修改痕迹</h1>
        <span className="muted">
          对照 {baseline.name}（{formatDateTime(baseline.at)}）以来的修改，共 {changes.length} 处
        </span>
      </div>
      <section className="panel stack" aria-labelledby="changes-tools">
        <h2 id="changes-tools" className="visually-hidden">
          比较起点和操作
        </h2>
        <BaselinePicker choices={choices} since={since} defaultName={defaultName} />
        {actionData?.error && (
          <p className="alert error" role="alert" data-testid="changes-error">
            {actionData.error}
          </p>
        )}
        {authors.length > 0 && (
          <ChangesLegend
            authors={authors}
            only={only}
            actions={(summary) =>
              canUndo && (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="undoAuthor" />
                  <input type="hidden" name="authorId" value={summary.author.id} />
                  {hidden}
                  <button type="submit" className="link-button" disabled={busy}>
                    撤销{summary.author.name}的全部修改
                  </button>
                </Form>
              )
            }
          />
        )}
        <p className="workflow-buttons">
          {canCleanCopy && changes.length > 0 && (
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="cleanCopy" />
              {hidden}
              <button type="submit" className="button primary" disabled={busy}>
                接受全部修订（清稿）
              </button>
            </Form>
          )}
          <a className="button" href={exportHref} download>
            导出修订稿
          </a>
        </p>
        {canCleanCopy && changes.length > 0 && (
          <p className="muted small-note">
            清稿后文本不变，修订稿存为“花脸稿”备查，之后的修改痕迹从清稿时算起。
          </p>
        )}
      </section>
      {changes.length === 0 ? (
        <p className="empty-state" data-testid="no-changes">
          自{baseline.name}以来没有修改。
        </p>
      ) : (
        <>
          <TrackedDocument blocks={blocks} authors={authors} only={only} fonts={fonts} />
          <section className="panel" aria-labelledby="change-list-heading">
            <h2 id="change-list-heading">逐条修改（{listed.length}）</h2>
            <table className="data-table" data-testid="change-list">
              <thead>
                <tr>
                  <th scope="col">序号</th>
                  <th scope="col">修改人</th>
                  <th scope="col">时间</th>
                  <th scope="col">修改</th>
                  <th scope="col">内容</th>
                  {canUndo && <th scope="col">操作</th>}
                </tr>
              </thead>
              <tbody>
                {listed.map((change) => (
                  <tr key={change.id}>
                    <td>{change.id}</td>
                    <td>{change.author.name}</td>
                    <td>{formatMonthDayTime(change.at)}</td>
                    <td>{VERB[change.type]}</td>
                    <td className={change.type === "delete" ? "struck" : undefined}>
                      {shown(change.text)}
                    </td>
                    {canUndo && (
                      <td>
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="undo" />
                          <input type="hidden" name="changeId" value={change.id} />
                          {hidden}
                          <button
                            type="submit"
                            className="link-button"
                            disabled={busy}
                            aria-label={`撤销此修改：${VERB[change.type]}“${shown(change.text)}”`}
                          >
                            撤销此修改
                          </button>
                        </Form>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
