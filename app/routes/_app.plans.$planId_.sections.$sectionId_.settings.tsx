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
import { FormError } from "~/components/form";
import { SectionSettingsFields } from "~/components/section-assignment-fields";
import { useZodForm } from "~/components/use-zod-form";
import { listDepartments } from "~/models/department.server";
import { listLeaders, removeSection, updateSectionSettings } from "~/models/section.server";
import { assertCan } from "~/policies/policy.server";
import { requireUser } from "~/utils/auth.server";
import { SectionSettingsSchema } from "~/utils/section-validation";
import { z } from "~/utils/validation";
import { requirePlanSection } from "~/utils/section-route.server";
import { setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `分工设置 · ${data?.section.title ?? "章节"}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { plan, section } = await requirePlanSection(user, params);
  assertCan(user, "plan.manageSections", plan);
  const [departments, leaders] = await Promise.all([
    listDepartments(user.townId),
    listLeaders(user.townId),
  ]);
  return {
    plan: { id: plan.id, title: plan.title, version: plan.version },
    section: {
      id: section.id,
      title: section.title,
      departmentId: section.departmentId,
      leaderId: section.leaderId,
      deadline: section.deadline,
      characters: section.characters,
    },
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    leaders,
  };
}

/** Settings carry the plan's version the coordinator saw (a stale page is refused). */
const SettingsFormSchema = SectionSettingsSchema.extend({
  baseVersion: z.coerce.number().int().min(0),
});
const RemoveSchema = z.object({ baseVersion: z.coerce.number().int().min(0) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { plan, section } = await requirePlanSection(user, params);
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    const seen = RemoveSchema.safeParse(Object.fromEntries(formData));
    if (!seen.success)
      return data({ removeError: "参数有误，请刷新页面后重试。" }, { status: 400 });
    const result = await removeSection(user, plan.id, section.id, seen.data.baseVersion);
    if (!result.ok) return data({ removeError: result.message }, { status: result.status });
    await setFlash(request, `已删除章节“${section.title}”，其余章节已重新编号`);
    return redirect(`/plans/${plan.id}`);
  }
  const submission = parseWithZod(formData, { schema: SettingsFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { baseVersion, ...settings } = submission.value;
  const result = await updateSectionSettings(user, plan.id, section.id, settings, baseVersion);
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  }
  await setFlash(request, `已保存“${submission.value.title}”的分工设置`);
  return redirect(`/plans/${plan.id}`);
}

export default function SectionSettingsPage() {
  const { plan, section, departments, leaders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(SettingsFormSchema, {
    lastResult: actionData && !("removeError" in actionData) ? actionData : undefined,
    defaultValue: {
      title: section.title,
      departmentId: section.departmentId ?? "",
      leaderId: section.leaderId ?? "",
      deadline: section.deadline ?? "",
    },
  });
  const removeError = actionData && "removeError" in actionData ? actionData.removeError : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /{" "}
        {section.title} / 分工设置
      </p>
      <div className="page-header">
        <h1>{section.title} · 分工设置</h1>
      </div>
      <div className="two-columns">
        <section className="panel">
          <h2>分工设置</h2>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormError errors={form.errors} id={form.errorId} />
            <input type="hidden" name="baseVersion" value={plan.version} />
            <SectionSettingsFields fields={fields} departments={departments} leaders={leaders} />
            <div className="form-actions">
              <button
                type="submit"
                className="button primary"
                disabled={navigation.state !== "idle"}
              >
                保存
              </button>
              <Link to={`/plans/${plan.id}`} className="button">
                返回计划
              </Link>
            </div>
          </Form>
        </section>
        <section className="panel">
          <h2>删除章节</h2>
          <p className="muted">
            删除后本章节的正文（{section.characters}{" "}
            字）和修改历史一并删除，无法恢复；其余章节自动重新编号。
          </p>
          <FormError errors={removeError ? [removeError] : undefined} />
          <Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(`确定删除章节“${section.title}”吗？正文和修改历史将一并删除。`)) {
                event.preventDefault();
              }
            }}
          >
            <input type="hidden" name="baseVersion" value={plan.version} />
            <button type="submit" name="intent" value="remove" className="button danger">
              删除本章节
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
