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

import { FormError, SelectField, TextField } from "~/components/form";
import { PlanTable } from "~/components/plan-table";
import { useZodForm } from "~/components/use-zod-form";
import { createPlan, listPlans } from "~/models/plan.server";
import { allowed } from "~/policies/policy.server";
import { assertCan } from "~/policies/policy.server";
import { requireUser } from "~/utils/auth.server";
import { today } from "~/utils/dates";
import { setFlash } from "~/utils/session.server";
import { z } from "~/utils/validation";
import { PLAN_KINDS } from "~templates/index";

export const meta: MetaFunction = () => [{ title: "年度计划 · 年度工作计划编审系统" }];

const CreatePlanSchema = z.object({
  year: z
    .number({ error: "请填写年度（四位数字）" })
    .int("年度应为整数")
    .min(2000, "年度应在 2000 至 2100 之间")
    .max(2100, "年度应在 2000 至 2100 之间"),
  kind: z.enum(PLAN_KINDS, { error: "请选择计划类型" }),
  from: z.enum(["templates", "previous", "summary"], { error: "请选择创建方式" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    plans: await listPlans(user.townId),
    canCreate: allowed(user, "plan.create", null),
    nextYear: Number(today().slice(0, 4)) + 1,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  assertCan(user, "plan.create", null);
  const submission = parseWithZod(await request.formData(), { schema: CreatePlanSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createPlan(user, submission.value);
  if (!result.ok) {
    const errors = result.field
      ? { fieldErrors: { [result.field]: [result.message] } }
      : { formErrors: [result.message] };
    return data(submission.reply(errors), { status: result.status });
  }
  await setFlash(
    request,
    `已创建${submission.value.year}年${submission.value.kind}，各章节已分派到科室`,
  );
  return redirect(`/plans/${result.planId}`);
}

export default function PlansPage() {
  const { plans, canCreate, nextYear } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>年度计划</h1>
        <p className="muted">本镇历年的年度工作计划与工作要点。</p>
      </div>
      {canCreate && <CreatePlanForm nextYear={nextYear} />}
      <section className="panel">
        <PlanTable plans={plans} />
      </section>
    </>
  );
}

function CreatePlanForm({ nextYear }: { nextYear: number }) {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(CreatePlanSchema, {
    lastResult,
    defaultValue: { year: String(nextYear), kind: "工作计划", from: "templates" },
  });
  const busy = navigation.state === "submitting";
  return (
    <section id="create-plan" className="panel" aria-labelledby="create-plan-heading">
      <h2 id="create-plan-heading">新建年度计划</h2>
      <Form method="post" {...getFormProps(form)} className="inline-form create-plan">
        <FormError errors={form.errors} id={form.errorId} />
        <TextField label="年度" field={fields.year} inputMode="numeric" size={6} />
        <SelectField
          label="类型"
          field={fields.kind}
          options={PLAN_KINDS.map((kind) => ({ value: kind, label: kind }))}
        />
        <SelectField
          label="创建方式"
          field={fields.from}
          options={[
            { value: "templates", label: "从模板创建（六个标准章节）" },
            { value: "previous", label: "沿用上年计划（复制章节、分工和目标）" },
            {
              value: "summary",
              label: "从上年工作总结起草（各章节取总结中写好的“本年工作打算”）",
            },
          ]}
        />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "正在创建…" : "创建计划"}
        </button>
      </Form>
      <p>
        已有往年的计划文件？<Link to="/plans/import">导入已有计划</Link>（Word 或文本，可先预览）
      </p>
    </section>
  );
}
