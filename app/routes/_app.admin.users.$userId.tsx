import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { RouteErrorBoundary } from "~/components/error-page";
import { FormError, TextField } from "~/components/form";
import { useZodForm } from "~/components/use-zod-form";
import { UserFields } from "~/components/user-fields";
import { isChoosableDepartment, listDepartments } from "~/models/department.server";
import { getUser, setPassword, setUserActive, updateUser } from "~/models/user.server";
import { requireUserCan } from "~/policies/policy.server";
import { formatDateTime } from "~/utils/format";
import { badRequest, notFound } from "~/utils/http.server";
import { setFlash } from "~/utils/session.server";
import { PasswordSchema, UserFieldsSchema } from "~/utils/user-validation";
import { z } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `编辑用户 ${data?.user.username ?? ""} · 年度工作计划编审系统` },
];

const UpdateUserSchema = UserFieldsSchema;
const ResetPasswordSchema = z.object({ password: PasswordSchema });
const IntentSchema = z.enum(["update", "reset-password", "deactivate", "activate"], {
  error: "未知的操作",
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUserCan(request, "town.administer", null);
  const user = await getUser(admin.townId, params.userId ?? "");
  if (!user) notFound("该用户不存在，或不属于您所在的镇。");
  return {
    user,
    isSelf: user.id === admin.id,
    departments: await listDepartments(admin.townId),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUserCan(request, "town.administer", null);
  const user = await getUser(admin.townId, params.userId ?? "");
  if (!user) notFound("该用户不存在，或不属于您所在的镇。");
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) badRequest("未知的操作，请刷新页面后重试。");
  const isSelf = user.id === admin.id;

  switch (intent.data) {
    case "update": {
      const submission = parseWithZod(formData, { schema: UpdateUserSchema });
      if (submission.status !== "success") {
        return data({ intent: intent.data, result: submission.reply() }, { status: 400 });
      }
      if (isSelf && !submission.value.roles.includes("admin")) {
        return data(
          {
            intent: intent.data,
            result: submission.reply({
              fieldErrors: { roles: ["不能取消自己的系统管理员角色，以免无人能管理系统"] },
            }),
          },
          { status: 400 },
        );
      }
      if (!(await isChoosableDepartment(admin.townId, submission.value.departmentId))) {
        return data(
          {
            intent: intent.data,
            result: submission.reply({ fieldErrors: { departmentId: ["所选科室不存在"] } }),
          },
          { status: 400 },
        );
      }
      await updateUser(admin.townId, user.id, submission.value);
      await setFlash(request, `已保存用户 ${user.username} 的资料`);
      return redirect("/admin/users");
    }
    case "reset-password": {
      const submission = parseWithZod(formData, { schema: ResetPasswordSchema });
      if (submission.status !== "success") {
        return data(
          { intent: intent.data, result: submission.reply({ hideFields: ["password"] }) },
          { status: 400 },
        );
      }
      await setPassword(admin.townId, user.id, submission.value.password, { revokeTokens: true });
      await setFlash(request, `已重置 ${user.username} 的密码，其已登录的会话均已退出`);
      // Resetting one's own password ends one's own session too.
      return redirect(isSelf ? "/login" : `/admin/users/${user.id}`);
    }
    case "deactivate": {
      if (isSelf) badRequest("不能停用自己的账号。");
      await setUserActive(admin.townId, user.id, false);
      await setFlash(request, `已停用 ${user.username}，其已登录的会话均已退出`);
      return redirect(`/admin/users/${user.id}`);
    }
    case "activate": {
      await setUserActive(admin.townId, user.id, true);
      await setFlash(request, `已启用 ${user.username}`);
      return redirect(`/admin/users/${user.id}`);
    }
  }
}

export default function EditUserPage() {
  const { user, isSelf, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";

  const [form, fields] = useZodForm(UpdateUserSchema, {
    id: "update-user",
    lastResult: actionData?.intent === "update" ? actionData.result : undefined,
    defaultValue: {
      displayName: user.displayName,
      title: user.title ?? "",
      departmentId: user.departmentId ?? "",
      roles: user.roles,
    },
  });
  const [passwordForm, passwordFields] = useZodForm(ResetPasswordSchema, {
    id: "reset-password",
    lastResult: actionData?.intent === "reset-password" ? actionData.result : undefined,
  });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/users">用户</Link> / {user.username}
      </p>
      <div className="two-columns">
        <section className="panel">
          <h2>
            {user.displayName}（{user.username}）
            {!user.isActive && <span className="badge muted">已停用</span>}
          </h2>
          <p className="muted">最近登录：{formatDateTime(user.lastLoginAt)}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormError errors={form.errors} id={form.errorId} />
            <UserFields fields={fields} departments={departments} />
            <div className="form-actions">
              <button
                type="submit"
                name="intent"
                value="update"
                className="button primary"
                disabled={busy}
              >
                保存
              </button>
              <Link to="/admin/users" className="button">
                返回列表
              </Link>
            </div>
          </Form>
        </section>
        <div className="stack">
          <section className="panel">
            <h2>重置密码</h2>
            <p className="muted">重置后，该用户已登录的会话会全部退出，需要用新密码重新登录。</p>
            <Form method="post" {...getFormProps(passwordForm)} className="stack">
              <TextField
                label="新密码"
                field={passwordFields.password}
                type="password"
                autoComplete="new-password"
              />
              <div className="form-actions">
                <button
                  type="submit"
                  name="intent"
                  value="reset-password"
                  className="button"
                  disabled={busy}
                >
                  重置密码
                </button>
              </div>
            </Form>
          </section>
          <section className="panel">
            <h2>账号状态</h2>
            {user.isActive ? (
              <>
                <p className="muted">
                  停用后该用户不能再登录，已登录的会话立即失效；其起草和审核记录保留。
                </p>
                <Form method="post">
                  <button
                    type="submit"
                    name="intent"
                    value="deactivate"
                    className="button danger"
                    disabled={busy || isSelf}
                    title={isSelf ? "不能停用自己的账号" : undefined}
                  >
                    停用账号
                  </button>
                </Form>
              </>
            ) : (
              <>
                <p className="muted">该账号已停用。启用后可用原密码登录。</p>
                <Form method="post">
                  <button
                    type="submit"
                    name="intent"
                    value="activate"
                    className="button"
                    disabled={busy}
                  >
                    启用账号
                  </button>
                </Form>
              </>
            )}
          </section>
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
