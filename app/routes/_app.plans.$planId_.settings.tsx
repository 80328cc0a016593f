import { getFormProps, getTextareaProps } from "@conform-to/react";
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
import { FieldError, FormError, TextField } from "~/components/form";
import { useZodForm } from "~/components/use-zod-form";
import { getPlan, getPlanTexts, updatePlanTexts } from "~/models/plan.server";
import { requireRole } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { setFlash } from "~/utils/session.server";
import { PlanTextsSchema } from "~/utils/plan-texts-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `计划设置 · ${data?.plan.title ?? ""}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "coordinator");
  const plan = await getPlan(user.townId, params.planId ?? "");
  const texts = plan ? await getPlanTexts(user.townId, plan.id) : null;
  if (!plan || !texts) notFound("该年度计划不存在，或不属于您所在的镇。");
  return { plan: { id: plan.id, title: plan.title }, texts };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "coordinator");
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const submission = parseWithZod(await request.formData(), { schema: PlanTextsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (!(await updatePlanTexts(user.townId, plan.id, submission.value))) {
    return data(submission.reply({ formErrors: ["计划当前状态下不能修改"] }), { status: 409 });
  }
  await setFlash(request, "已保存形势与总体要求、结束语和截止日期");
  return redirect(`/plans/${plan.id}`);
}

export default function PlanSettingsPage() {
  const { plan, texts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(PlanTextsSchema, {
    lastResult,
    defaultValue: {
      preamble: texts.preamble,
      closing: texts.closing,
      deadline: texts.deadline ?? "",
    },
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /
        计划设置
      </p>
      <section className="panel">
        <h2>形势与总体要求、结束语</h2>
        <p className="muted">每行一段。【…】处为待填写的内容。</p>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormError errors={form.errors} id={form.errorId} />
          <label className="field">
            <span>形势与总体要求</span>
            <textarea {...getTextareaProps(fields.preamble)} rows={8} className="body-textarea" />
            <FieldError field={fields.preamble} />
          </label>
          <label className="field">
            <span>结束语</span>
            <textarea {...getTextareaProps(fields.closing)} rows={3} className="body-textarea" />
            <FieldError field={fields.closing} />
          </label>
          <TextField label="起草截止日期" field={fields.deadline} type="date" />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={navigation.state !== "idle"}>
              保存
            </button>
            <Link to={`/plans/${plan.id}`} className="button">
              取消
            </Link>
          </div>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
