import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { type InputHTMLAttributes, useEffect, useId, useState } from "react";

import {
  type Attempt,
  getThrottleState,
  recordFailedLogin,
  rememberSignIn,
} from "~/models/login-throttle.server";
import { verifyLogin } from "~/models/user.server";
import { getOptionalUser } from "~/utils/auth.server";
import { formatTime } from "~/utils/format";
import { clientIp } from "~/utils/http.server";
import { safeRedirect } from "~/utils/redirect";
import { createSession, deviceCookie } from "~/utils/session.server";
import { parseLogin } from "~/utils/login-validation.server";

export const meta: MetaFunction = () => [{ title: "登录 · 年度工作计划编审系统" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

/** The action's Retry-After (a throttled sign-in) reaches the answer. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseLogin(formData);
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { username, password, redirectTo } = submission.value;

  const attempt: Attempt = {
    username,
    ip: clientIp(context),
    deviceToken: await deviceCookie().parse(request.headers.get("Cookie")),
  };
  const throttle = await getThrottleState(attempt);
  if (throttle.blocked) {
    const minutes = Math.max(1, Math.ceil((throttle.retryAt.getTime() - Date.now()) / 60_000));
    return data(
      submission.reply({
        formErrors: [
          `登录失败次数过多，该账号已暂时锁定。请于 ${formatTime(throttle.retryAt)}（约 ${minutes} 分钟后）再试，或联系系统管理员重置密码。`,
        ],
        hideFields: ["password"],
      }),
      {
        status: 429,
        headers: {
          "Retry-After": String(Math.ceil((throttle.retryAt.getTime() - Date.now()) / 1000)),
        },
      },
    );
  }

  const result = await verifyLogin(username, password);
  if (!result.ok) {
    await recordFailedLogin(attempt);
    const message =
      result.reason === "inactive"
        ? "该账号已停用，不能登录。如有疑问请联系系统管理员。"
        : "用户名或密码错误，请重新输入。";
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "inactive" ? 403 : 401,
    });
  }

  // This browser is trusted from now on: guesses made elsewhere will not lock it out.
  const device = await rememberSignIn(result.userId, attempt);
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(request, result.userId));
  headers.append("Set-Cookie", await deviceCookie().serialize(device));
  return redirect(safeRedirect(redirectTo), { headers });
}

// The cheapest page, and the first: plain markup with the server's answer, no
// form library (its script stays under 100 KB gzipped: bench/scripts.ts).
export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors = lastResult?.status === "error" ? (lastResult.error ?? {}) : {};
  const formErrors = errors[""] ?? [];
  const username = lastResult?.initialValue?.username;
  const formErrorId = useId();
  const submitting = navigation.state !== "idle" && navigation.formAction === "/login";
  // After a refused attempt the password field starts empty (a new key
  // remounts it) and takes the focus for the next try.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (lastResult?.status === "error") setAttempt((n) => n + 1);
  }, [lastResult]);

  return (
    <main className="login-page">
      <div className="login-card">
        <div className="login-brand" aria-hidden="true">
          计
        </div>
        <h1>年度工作计划编审系统</h1>
        <p className="muted">请使用本镇分配的账号登录</p>
        <Form
          method="post"
          className="stack"
          // The server's Chinese messages, not the browser's own bubbles.
          noValidate
          aria-describedby={formErrors.length ? formErrorId : undefined}
        >
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          {formErrors.length > 0 && (
            <div className="alert error" id={formErrorId} role="alert">
              {formErrors.join("；")}
            </div>
          )}
          <LoginField
            key={`username-${attempt}`}
            label="用户名"
            name="username"
            errors={errors.username}
            defaultValue={typeof username === "string" ? username : undefined}
            required
            maxLength={100}
            autoComplete="username"
            autoFocus={attempt === 0}
          />
          <LoginField
            key={`password-${attempt}`}
            label="密码"
            name="password"
            type="password"
            errors={errors.password}
            required
            maxLength={200}
            autoFocus={attempt > 0}
            autoComplete="current-password"
          />
          <button type="submit" className="button primary wide" disabled={submitting}>
            {submitting ? "正在登录…" : "登录"}
          </button>
        </Form>
      </div>
    </main>
  );
}

/** A labelled input with its errors, tied to it by id for screen readers. */
function LoginField({
  label,
  errors,
  ...attributes
}: { label: string; errors?: string[] | null } & InputHTMLAttributes<HTMLInputElement>) {
  const errorId = useId();
  const invalid = !!errors?.length;
  return (
    <label className="field">
      <span>{label}</span>
      <input
        {...attributes}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
      />
      {invalid && (
        <span className="field-error" id={errorId} role="alert">
          {errors.join("；")}
        </span>
      )}
    </label>
  );
}
