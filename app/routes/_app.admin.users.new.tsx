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

import { FormError, TextField } from "~/components/form";
import { useZodForm } from "~/components/use-zod-form";
import { UserFields } from "~/components/user-fields";
import { isChoosableDepartment, listDepartments } from "~/models/department.server";
import { createUser, isUsernameTaken } from "~/models/user.server";
import { requireUserCan } from "~/policies/policy.server";
import { setFlash } from "~/utils/session.server";
import { PasswordSchema, UserFieldsSchema, UsernameSchema } from "~/utils/user-validation";

export const meta: MetaFunction = () => [{ title: "新建用户 · 年度工作计划编审系统" }];

const CreateUserSchema = UserFieldsSchema.extend({
  username: UsernameSchema,
  password: PasswordSchema,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserCan(request, "town.administer", null);
  return { departments: await listDepartments(admin.townId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserCan(request, "town.administer", null);
  const submission = parseWithZod(await request.formData(), { schema: CreateUserSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const input = submission.value;
  if (await isUsernameTaken(input.username)) {
    return data(
      submission.reply({
        fieldErrors: { username: [`用户名“${input.username}”已被使用，请换一个`] },
        hideFields: ["password"],
      }),
      { status: 400 },
    );
  }
  if (!(await isChoosableDepartment(admin.townId, input.departmentId))) {
    return data(submission.reply({ fieldErrors: { departmentId: ["所选科室不存在"] } }), {
      status: 400,
    });
  }
  try {
    await createUser(admin.townId, input);
  } catch (error) {
    // A double click: the first request took the username a moment ago.
    if (!(await isUsernameTaken(input.username))) throw error;
    return data(
      submission.reply({
        fieldErrors: { username: [`用户名“${input.username}”已被使用，请换一个`] },
        hideFields: ["password"],
      }),
      { status: 400 },
    );
  }
  await setFlash(request, `已创建用户 ${input.username}（${input.displayName}）`);
  return redirect("/admin/users");
}

export default function NewUserPage() {
  const { departments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(CreateUserSchema, { lastResult });
  return (
    <section className="panel narrow">
      <h2>新建用户</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormError errors={form.errors} id={form.errorId} />

        <TextField label="用户名（登录用）" field={fields.username} autoComplete="off" />
        <UserFields fields={fields} departments={departments} />
        <TextField
          label="初始密码"
          field={fields.password}
          type="password"
          autoComplete="new-password"
          hint="请当面或电话告知本人，并提醒其登录后在“账号设置”中修改。"
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button primary"
            disabled={navigation.state === "submitting"}
          >
            {navigation.state === "submitting" ? "正在创建…" : "创建用户"}
          </button>
          <Link to="/admin/users" className="button">
            取消
          </Link>
        </div>
      </Form>
    </section>
  );
}
