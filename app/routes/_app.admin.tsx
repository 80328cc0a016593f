import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";

import { RouteErrorBoundary } from "~/components/error-page";
import { requireUserCan } from "~/policies/policy.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserCan(request, "town.administer", null);
  return null;
}

export default function AdminLayout() {
  return (
    <>
      <div className="page-header">
        <h1>系统管理</h1>
      </div>
      <nav className="sub-nav" aria-label="系统管理">
        <NavLink to="/admin/users">用户</NavLink>
        <NavLink to="/admin/departments">科室</NavLink>
        <NavLink to="/admin/export">公文格式</NavLink>
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
