import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "请求有误",
  401: "请先登录",
  403: "没有权限",
  404: "页面不存在",
  409: "内容已被他人修改",
  413: "内容过大",
  429: "操作过于频繁",
};

export interface ErrorInfo {
  status: number;
  title: string;
  message: string;
}

/**
 * Turns whatever a loader or action threw into Chinese words for the user.
 * Unexpected errors never show their message or stack (they may hold SQL or
 * paths); the server log has them.
 */
export function describeError(error: unknown): ErrorInfo {
  if (isRouteErrorResponse(error)) {
    const data: unknown = error.data;
    const message =
      data && typeof data === "object" && "message" in data && typeof data.message === "string"
        ? data.message
        : typeof data === "string" && data && !data.startsWith("Error")
          ? data
          : defaultMessage(error.status);
    return { status: error.status, title: TITLES[error.status] ?? "出错了", message };
  }
  return { status: 500, title: "系统出错了", message: defaultMessage(500) };
}

function defaultMessage(status: number): string {
  switch (status) {
    case 403:
      return "您没有权限查看此页面或执行此操作。如需权限，请联系系统管理员。";
    case 404:
      return "您要找的页面或记录不存在，或不属于您所在的镇。";
    case 405:
      return "不支持这种访问方式。";
    default:
      return status >= 500
        ? "服务器处理请求时出错，您的数据没有丢失。请稍后重试；如果问题持续，请联系系统管理员。"
        : "请求未能完成，请检查后重试。";
  }
}

export function ErrorPage({ info }: { info: ErrorInfo }) {
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{info.status}</p>
      <h1 id="error-title">{info.title}</h1>
      <p>{info.message}</p>
      <p className="error-actions">
        <Link to="/" className="button">
          返回工作台
        </Link>
      </p>
    </section>
  );
}

/** Drop-in ErrorBoundary for routes inside the app shell. */
export function RouteErrorBoundary() {
  return <ErrorPage info={describeError(useRouteError())} />;
}
