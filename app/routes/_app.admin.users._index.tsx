import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { listLeaderAreas } from "~/models/section-default.server";
import { listUsers } from "~/models/user.server";
import { requireUserCan } from "~/policies/policy.server";
import { formatDateTime } from "~/utils/format";
import { SECTION_KIND_LABELS } from "~templates/section-kinds";
import { ROLE_LABELS } from "~workflows/roles";

export const meta: MetaFunction = () => [{ title: "用户管理 · 年度工作计划编审系统" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserCan(request, "town.administer", null);
  const [users, areas] = await Promise.all([
    listUsers(admin.townId),
    listLeaderAreas(admin.townId),
  ]);
  return {
    users: users.map((user) => ({
      ...user,
      roleLabels: user.roles.map((role) => ROLE_LABELS[role]),
      areaLabels: (areas.get(user.id) ?? []).map((kind) => SECTION_KIND_LABELS[kind]),
    })),
  };
}

export default function UsersPage() {
  const { users } = useLoaderData<typeof loader>();
  return (
    <section className="panel">
      <div className="panel-header">
        <h2>用户（{users.length}）</h2>
        <Link to="/admin/users/new" className="button primary">
          新建用户
        </Link>
      </div>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">科室</th>
            <th scope="col">角色</th>
            <th scope="col">默认分管</th>
            <th scope="col">状态</th>
            <th scope="col">最近登录</th>
            <th scope="col">
              <span className="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className={user.isActive ? undefined : "inactive"}>
              <td>{user.username}</td>
              <td>
                {user.displayName}
                {user.title && <span className="muted">（{user.title}）</span>}
              </td>
              <td>{user.departmentName ?? "—"}</td>
              <td>{user.roleLabels.join("、") || "—"}</td>
              <td>{user.areaLabels.join("、") || "—"}</td>
              <td>
                <span className={user.isActive ? "badge ok" : "badge muted"}>
                  {user.isActive ? "正常" : "已停用"}
                </span>
              </td>
              <td>{formatDateTime(user.lastLoginAt)}</td>
              <td>
                <Link to={`/admin/users/${user.id}`} aria-label={`编辑用户 ${user.username}`}>
                  编辑
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
