import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";

import { RouteErrorBoundary } from "~/components/error-page";
import { Flash } from "~/components/flash";
import { NavigationProgress } from "~/components/navigation-progress";
import { useRouteFocus } from "~/components/route-focus";
import { allowed } from "~/policies/policy.server";
import { requireUser } from "~/utils/auth.server";
import { getSessionId, takeFlash } from "~/utils/session.server";
import { ROLE_LABELS } from "~workflows/roles";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = await getSessionId(request);
  return {
    user: {
      displayName: user.displayName,
      title: user.title,
      townName: user.townName,
      departmentName: user.departmentName,
      roleLabels: user.roles.map((role) => ROLE_LABELS[role]),
    },
    isAdmin: allowed(user, "town.administer", null),
    flash: sessionId ? await takeFlash(sessionId) : null,
  };
}

function AppShell({
  data,
  children,
}: {
  data: Awaited<ReturnType<typeof loader>> | undefined;
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <NavigationProgress />
      <a className="skip-link" href="#main">
        跳到正文
      </a>
      <header className="topbar">
        <div className="topbar-title">
          <span className="brand-mark" aria-hidden="true">
            计
          </span>
          <span className="brand-name">年度工作计划编审系统</span>
          {data && <span className="town-name">{data.user.townName}</span>}
        </div>
        {data && (
          <nav className="main-nav" aria-label="主导航">
            <NavLink to="/" end>
              工作台
            </NavLink>
            <NavLink to="/plans">年度计划</NavLink>
            {data.isAdmin && <NavLink to="/admin">系统管理</NavLink>}
          </nav>
        )}
        {data && (
          <div className="user-box">
            <span className="user-name">
              {data.user.displayName}
              {data.user.title ? `（${data.user.title}）` : ""}
            </span>
            <span className="user-roles" data-testid="user-roles">
              {data.user.roleLabels.join("、")}
              {data.user.departmentName ? ` · ${data.user.departmentName}` : ""}
            </span>
            <NavLink to="/account" className="account-link">
              账号设置
            </NavLink>
            <Form method="post" action="/logout" reloadDocument>
              <button type="submit" className="link-button">
                退出登录
              </button>
            </Form>
          </div>
        )}
      </header>
      <main className="content" id="main" tabIndex={-1}>
        {data?.flash && <Flash message={data.flash} />}
        {children}
      </main>
    </div>
  );
}

export default function AppLayout() {
  const data = useLoaderData<typeof loader>();
  useRouteFocus("main");
  return (
    <AppShell data={data}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  // A child's error keeps the shell when the layout itself loaded.
  const data = useRouteLoaderData<typeof loader>("routes/_app");
  return (
    <AppShell data={data}>
      <RouteErrorBoundary />
    </AppShell>
  );
}
