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

import { PlaceholderTextarea } from "~/components/placeholder-textarea";
import { ChineseDateField } from "~/components/date-field";
import { RouteErrorBoundary } from "~/components/error-page";
import { FieldError, FormError } from "~/components/form";
import { useZodForm } from "~/components/use-zod-form";
import { getPlan, getPlanTexts, updatePlanTexts } from "~/models/plan.server";
import { assertCan } from "~/policies/policy.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { setFlash } from "~/utils/session.server";
import { PlanTextsSchema } from "~/utils/plan-texts-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `计划设置 · ${data?.plan.title ?? ""}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const plan = await getPlan(user.townId, params.planId ?? "");
  const texts = plan ? await getPlanTexts(user.townId, plan.id) : null;
  if (!plan || !texts) notFound("该年度计划不存在，或不属于您所在的镇。");
  // The page exists only where saving is allowed: no form that would be refused.
  assertCan(user, "plan.edit", plan);
  return { plan: { id: plan.id, title: plan.title }, texts };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const submission = parseWithZod(await request.formData(), { schema: PlanTextsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { baseVersion, ...texts } = submission.value;
  const result = await updatePlanTexts(user, plan.id, texts, baseVersion);
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
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
      baseVersion: String(texts.version),
    },
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /
        计划设置
      </p>
      <div className="page-header">
        <h1>计划设置</h1>
      </div>
      <section className="panel">
        <h2>形势与总体要求、结束语</h2>
        <p className="muted">每行一段。【…】处为待填写的内容。</p>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormError errors={form.errors} id={form.errorId} />
          <input type="hidden" name="baseVersion" value={texts.version} />
          <div className="field">
            <label htmlFor={fields.preamble.id}>形势与总体要求</label>
            <PlaceholderTextarea
              {...getTextareaProps(fields.preamble)}
              rows={8}
              className="body-textarea"
            />
            <FieldError field={fields.preamble} />
          </div>
          <div className="field">
            <label htmlFor={fields.closing.id}>结束语</label>
            <PlaceholderTextarea
              {...getTextareaProps(fields.closing)}
              rows={3}
              className="body-textarea"
            />
            <FieldError field={fields.closing} />
          </div>
          <ChineseDateField
            name={fields.deadline.name}
            label="起草截止日期"
            defaultValue={fields.deadline.initialValue ?? undefined}
            errors={fields.deadline.errors}
            errorId={fields.deadline.errorId}
          />
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
