import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { ApiTokens } from "~/components/api-tokens";
import { FormError, TextField } from "~/components/form";
import { useZodForm } from "~/components/use-zod-form";
import { listTokens } from "~/models/api-token.server";
import { checkPassword, setPassword } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { createSession } from "~/utils/session.server";
import { MIN_PASSWORD_LENGTH, PasswordSchema } from "~/utils/user-validation";
import { z } from "~/utils/validation";
import { ROLE_LABELS } from "~workflows/roles";

export const meta: MetaFunction = () => [{ title: "账号设置 · 年度工作计划编审系统" }];

const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "请输入当前密码" }),
    newPassword: PasswordSchema,
    confirmPassword: z.string({ error: "请再次输入新密码" }),
    /** A ticked checkbox arrives as "on". */
    revokeTokens: z
      .string()
      .optional()
      .transform((value) => value === "on"),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "两次输入的新密码不一致",
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    username: user.username,
    displayName: user.displayName,
    townName: user.townName,
    departmentName: user.departmentName,
    roleLabels: user.roles.map((role) => ROLE_LABELS[role]),
    tokens: await listTokens(user.id),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  const hideFields = ["currentPassword", "newPassword", "confirmPassword"];
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields }), { status: 400 });
  }
  if (!(await checkPassword(user.id, submission.value.currentPassword))) {
    return data(
      submission.reply({ fieldErrors: { currentPassword: ["当前密码不正确"] }, hideFields }),
      { status: 400 },
    );
  }
  // Every other session of this user ends; this browser gets a fresh one.
  const revokeTokens = submission.value.revokeTokens;
  await setPassword(user.townId, user.id, submission.value.newPassword, { revokeTokens });
  const cookie = await createSession(request, user.id, {
    flash: `密码已修改，其他设备上的登录已退出${revokeTokens ? "，API 访问令牌已全部撤销" : ""}`,
  });
  return redirect("/account", { headers: { "Set-Cookie": cookie } });
}

export default function AccountPage() {
  const account = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(ChangePasswordSchema, { lastResult });
  return (
    <>
      <div className="page-header">
        <h1>账号设置</h1>
      </div>
      <div className="two-columns">
        <section className="panel">
          <h2>我的账号</h2>
          <dl className="facts">
            <dt>用户名</dt>
            <dd>{account.username}</dd>
            <dt>姓名</dt>
            <dd>{account.displayName}</dd>
            <dt>所在镇</dt>
            <dd>{account.townName}</dd>
            <dt>科室</dt>
            <dd>{account.departmentName ?? "—"}</dd>
            <dt>角色</dt>
            <dd>{account.roleLabels.join("、")}</dd>
          </dl>
          <p className="muted">姓名、科室和角色由系统管理员维护。</p>
        </section>
        <section className="panel">
          <h2>修改密码</h2>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormError errors={form.errors} id={form.errorId} />
            <TextField
              label="当前密码"
              field={fields.currentPassword}
              type="password"
              autoComplete="current-password"
            />
            <TextField
              label={`新密码（至少 ${MIN_PASSWORD_LENGTH} 位）`}
              field={fields.newPassword}
              type="password"
              autoComplete="new-password"
            />
            <TextField
              label="再次输入新密码"
              field={fields.confirmPassword}
              type="password"
              autoComplete="new-password"
            />
            {account.tokens.length > 0 && (
              <label className="checkbox">
                <input type="checkbox" name="revokeTokens" defaultChecked /> 同时撤销我的全部 API
                访问令牌（{account.tokens.length} 个）：如怀疑密码已泄露，请勾选
              </label>
            )}
            <div className="form-actions">
              <button
                type="submit"
                className="button primary"
                disabled={navigation.state === "submitting"}
              >
                修改密码
              </button>
            </div>
          </Form>
        </section>
      </div>
      <ApiTokens tokens={account.tokens} />
    </>
  );
}
