import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";

import { PlanTable } from "~/components/plan-table";
import {
  listDone,
  listStarted,
  listTodo,
  type RecordItem,
  type TodoItem,
} from "~/models/inbox.server";
import { listPlans } from "~/models/plan.server";
import { allowed } from "~/policies/policy.server";
import { requireUser } from "~/utils/auth.server";
import { DEADLINE_LABELS } from "~/utils/deadline";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "工作台 · 年度工作计划编审系统" }];

const TABS = [
  { key: "todo", label: "待办" },
  { key: "done", label: "已办" },
  { key: "started", label: "我发起" },
] as const;

/** 已办 lists this many of the person's latest steps; 审核记录 keeps them all. */
const DONE_SHOWN = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [todo, done, started, plans] = await Promise.all([
    listTodo(user),
    listDone(user, DONE_SHOWN + 1), // one more than shown tells whether there are older ones
    listStarted(user),
    listPlans(user.townId),
  ]);
  return {
    displayName: user.displayName,
    townName: user.townName,
    todo,
    done: done.slice(0, DONE_SHOWN),
    doneMore: done.length > DONE_SHOWN,
    started,
    plans,
    canCreate: allowed(user, "plan.create", null),
  };
}

export default function Dashboard() {
  const { displayName, townName, todo, done, doneMore, started, plans, canCreate } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const tab = TABS.find((t) => t.key === params.get("tab"))?.key ?? "todo";
  const counts = {
    todo: `${todo.length}`,
    done: doneMore ? `${done.length}+` : `${done.length}`,
    started: `${started.length}`,
  };
  return (
    <>
      <div className="page-header">
        <h1>工作台</h1>
        <p className="muted">
          {displayName}，您好。这里是{townName}的年度工作计划编审工作台。
        </p>
      </div>
      <section className="panel" aria-labelledby="inbox-heading">
        <h2 id="inbox-heading" className="visually-hidden">
          我的工作
        </h2>
        <nav className="tabs" aria-label="我的工作">
          {TABS.map((t) => (
            <Link
              key={t.key}
              to={t.key === "todo" ? "/" : `/?tab=${t.key}`}
              className={t.key === tab ? "tab active" : "tab"}
              aria-current={t.key === tab ? "page" : undefined}
            >
              {t.label}（{counts[t.key]}）
            </Link>
          ))}
        </nav>
        {tab === "todo" && <TodoList items={todo} />}
        {tab === "done" && (
          <RecordList
            items={done}
            empty="您还没有办理过审核事项。"
            whatLabel="我的操作"
            note={
              doneMore
                ? `只列出最近 ${done.length} 项；更早的办理经过见各计划的“审核记录”。`
                : undefined
            }
          />
        )}
        {tab === "started" && (
          <RecordList items={started} empty="您还没有提交过章节或计划。" whatLabel="我发起的" />
        )}
      </section>
      <section className="panel" aria-labelledby="plans-heading">
        <h2 id="plans-heading">本镇年度计划</h2>
        <PlanTable plans={plans} createHref={canCreate ? "/plans#create-plan" : undefined} />
      </section>
    </>
  );
}

function TodoList({ items }: { items: TodoItem[] }) {
  if (items.length === 0) return <p className="empty-state">暂无待办事项。</p>;
  return (
    <table className="data-table" data-testid="todo-list">
      <thead>
        <tr>
          <th scope="col">事项</th>
          <th scope="col">所属计划</th>
          <th scope="col">状态</th>
          <th scope="col">需要我</th>
          <th scope="col">截止日期</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.key}>
            <td>
              <Link to={item.href}>{item.title}</Link>
              {item.reminder && (
                <span className="badge warning" title={formatDateTime(item.reminder.at)}>
                  {item.reminder.by}催办
                </span>
              )}
            </td>
            <td>{item.planTitle}</td>
            <td>{item.stateLabel}</td>
            <td>
              {item.todo}
              {item.note && <p className="todo-note keep-lines">{item.note}</p>}
            </td>
            <td className={item.deadlineStatus ? "overdue" : undefined}>
              {item.deadline ?? "—"}
              {item.deadlineStatus && `（${DEADLINE_LABELS[item.deadlineStatus]}）`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RecordList({
  items,
  empty,
  whatLabel,
  note,
}: {
  items: RecordItem[];
  empty: string;
  whatLabel: string;
  note?: string;
}) {
  if (items.length === 0) return <p className="empty-state">{empty}</p>;
  return (
    <>
      <table className="data-table" data-testid="record-list">
        <thead>
          <tr>
            <th scope="col">事项</th>
            <th scope="col">所属计划</th>
            <th scope="col">{whatLabel}</th>
            <th scope="col">时间</th>
            <th scope="col">当前状态</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.key}>
              <td>
                <Link to={item.href}>{item.title}</Link>
              </td>
              <td>{item.planTitle}</td>
              <td>{item.what}</td>
              <td>{formatDateTime(item.at)}</td>
              <td>{item.nowLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <p className="muted">{note}</p>}
    </>
  );
}
