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

import { FormError, TextField } from "~/components/form";
import { useZodForm } from "~/components/use-zod-form";
import {
  createDepartment,
  deleteDepartment,
  listDepartments,
  renameDepartment,
  type DepartmentChange,
} from "~/models/department.server";
import { requireUserCan } from "~/policies/policy.server";
import { setFlash } from "~/utils/session.server";
import { requiredText, z } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "科室管理 · 年度工作计划编审系统" }];

const CreateDepartmentSchema = z.object({
  intent: z.literal("create"),
  name: requiredText("科室名称", 30),
});

const DepartmentSchema = z.discriminatedUnion("intent", [
  CreateDepartmentSchema,
  z.object({
    intent: z.literal("rename"),
    id: z.string({ error: "缺少科室" }),
    name: requiredText("科室名称", 30),
  }),
  z.object({ intent: z.literal("delete"), id: z.string({ error: "缺少科室" }) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserCan(request, "town.administer", null);
  return { departments: await listDepartments(admin.townId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserCan(request, "town.administer", null);
  const submission = parseWithZod(await request.formData(), { schema: DepartmentSchema });
  if (submission.status !== "success") {
    return data(submission.reply(), { status: 400 });
  }
  const input = submission.value;
  let change: DepartmentChange;
  let done: string;
  switch (input.intent) {
    case "create":
      change = await createDepartment(admin.townId, input.name);
      done = `已新增科室“${input.name}”`;
      break;
    case "rename":
      change = await renameDepartment(admin.townId, input.id, input.name);
      done = `已将科室改名为“${input.name}”`;
      break;
    case "delete":
      change = await deleteDepartment(admin.townId, input.id);
      done = "已删除科室";
      break;
  }
  if (!change.ok) {
    return data(submission.reply({ formErrors: [change.message] }), { status: 400 });
  }
  await setFlash(request, done);
  return redirect("/admin/departments");
}

export default function DepartmentsPage() {
  const { departments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useZodForm(CreateDepartmentSchema, { id: "departments", lastResult });

  return (
    <section className="panel">
      <h2>科室（{departments.length}）</h2>
      <FormError errors={form.errors} id={form.errorId} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">科室名称</th>
            <th scope="col">人数</th>
            <th scope="col">
              <span className="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {departments.map((department) => (
            <tr key={department.id}>
              <td>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={department.id} />
                  <input
                    name="name"
                    defaultValue={department.name}
                    aria-label={`科室名称：${department.name}`}
                    required
                    maxLength={30}
                  />
                  <button
                    type="submit"
                    name="intent"
                    value="rename"
                    className="button small"
                    disabled={busy}
                  >
                    改名
                  </button>
                </Form>
              </td>
              <td>{department.userCount}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="id" value={department.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="delete"
                    className="button small danger"
                    disabled={busy || department.userCount > 0}
                    title={department.userCount > 0 ? "科室内还有用户，不能删除" : undefined}
                    aria-label={`删除科室 ${department.name}`}
                  >
                    删除
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" {...getFormProps(form)} className="inline-form add-row">
        <TextField label="新增科室" field={fields.name} placeholder="如：退役军人服务站" />
        <button
          type="submit"
          name="intent"
          value="create"
          className="button primary"
          disabled={busy}
        >
          新增
        </button>
      </Form>
    </section>
  );
}
