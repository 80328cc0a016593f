import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
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
import { FieldError, FormError } from "~/components/form";
import { useZodForm } from "~/components/use-zod-form";
import { listDepartments } from "~/models/department.server";
import { getTargetsAsTable, setTargetsAsTable } from "~/models/export.server";
import { getPlan, lastYearTargets, listTargets, replaceTargets } from "~/models/plan.server";
import { assertCan } from "~/policies/policy.server";
import { requireUser } from "~/utils/auth.server";
import { notFound, refuse } from "~/utils/http.server";
import { setFlash } from "~/utils/session.server";
import { TARGET_QUALIFIERS, TARGET_UNITS, TargetsSchema } from "~/utils/target-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `主要预期目标 · ${data?.plan.title ?? ""}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  // The form exists only where saving is allowed.
  assertCan(user, "plan.edit", plan);
  const [targets, departments, lastYear] = await Promise.all([
    listTargets(user.townId, plan.id),
    listDepartments(user.townId),
    lastYearTargets(user.townId, plan),
  ]);
  return {
    plan: { id: plan.id, title: plan.title, year: plan.year, version: plan.version },
    /** Last year's targets by name: a hint beside 上年实际, never taken for it. */
    lastYear,
    asTable: await getTargetsAsTable(user.townId, plan.id),
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    targets: targets.map((t) => ({
      name: t.name,
      value: t.value,
      unit: t.unit,
      qualifier: t.qualifier ?? "",
      baseline: t.baseline ?? "",
      departmentId: t.departmentId ?? "",
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const plan = await getPlan(user.townId, params.planId ?? "");
  if (!plan) notFound("该年度计划不存在，或不属于您所在的镇。");
  const submission = parseWithZod(await request.formData(), { schema: TargetsSchema });
  // Add/remove/reorder without JavaScript arrive here too, as Conform intents.
  if (submission.status !== "success") {
    return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  }
  const { targets, asTable, baseVersion } = submission.value;
  const result = await replaceTargets(user, plan.id, targets, baseVersion);
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  }
  const printing = await setTargetsAsTable(user, plan.id, asTable, result.version);
  if (!printing.ok) refuse(printing.status, printing.message);
  await setFlash(request, `已保存主要预期目标（${submission.value.targets.length} 项）`);
  return redirect(`/plans/${plan.id}`);
}

export default function TargetsPage() {
  const { plan, departments, targets, asTable, lastYear } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(TargetsSchema, {
    lastResult,
    defaultValue: { targets },
  });
  const rows = fields.targets.getFieldList();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /
        主要预期目标
      </p>
      <div className="page-header">
        <h1>主要预期目标</h1>
        <span className="muted">数值只填数字；单位可从列表选择，也可直接输入。</span>
      </div>
      <section className="panel">
        <Form method="post" {...getFormProps(form)}>
          <FormError errors={form.errors} id={form.errorId} />
          <input type="hidden" name="baseVersion" value={plan.version} />
          <datalist id="target-units">
            {TARGET_UNITS.map((unit) => (
              <option key={unit} value={unit} />
            ))}
          </datalist>
          <table className="data-table targets-table">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">指标名称</th>
                <th scope="col">目标值</th>
                <th scope="col">单位</th>
                <th scope="col">限定</th>
                <th scope="col">上年实际</th>
                <th scope="col">责任科室</th>
                <th scope="col">
                  <span className="visually-hidden">调整</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const target = row.getFieldset();
                const { key: _k1, ...name } = getInputProps(target.name, { type: "text" });
                const { key: _k2, ...value } = getInputProps(target.value, { type: "text" });
                const { key: _k3, ...unit } = getInputProps(target.unit, { type: "text" });
                const { key: _k4, ...baseline } = getInputProps(target.baseline, { type: "text" });
                const hint = lastYear[target.name.value ?? ""];
                return (
                  <tr key={row.key}>
                    <td>{index + 1}</td>
                    <td>
                      <input {...name} aria-label={`第 ${index + 1} 项指标名称`} />
                      <FieldError field={target.name} />
                    </td>
                    <td>
                      <input
                        {...value}
                        inputMode="decimal"
                        size={6}
                        aria-label={`第 ${index + 1} 项目标值`}
                      />
                      <FieldError field={target.value} />
                    </td>
                    <td>
                      <input
                        {...unit}
                        list="target-units"
                        size={5}
                        aria-label={`第 ${index + 1} 项单位`}
                      />
                      <FieldError field={target.unit} />
                    </td>
                    <td>
                      <select
                        {...getSelectProps(target.qualifier)}
                        aria-label={`第 ${index + 1} 项限定`}
                      >
                        <option value="">（无）</option>
                        {TARGET_QUALIFIERS.map((q) => (
                          <option key={q} value={q}>
                            {q}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        {...baseline}
                        inputMode="decimal"
                        size={6}
                        aria-label={`第 ${index + 1} 项上年实际`}
                        placeholder={hint ? "待填" : undefined}
                      />
                      {hint && (
                        <span className="muted small-note" data-testid="last-year-target">
                          {plan.year - 1}年目标：{hint}
                        </span>
                      )}
                      <FieldError field={target.baseline} />
                    </td>
                    <td>
                      <select
                        {...getSelectProps(target.departmentId)}
                        aria-label={`第 ${index + 1} 项责任科室`}
                      >
                        <option value="">（未指定）</option>
                        {departments.map((d) => (
                          <option key={d.id} value={d.id}>
                            {d.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="row-actions">
                      <button
                        className="button small"
                        aria-label={`上移第 ${index + 1} 项`}
                        disabled={index === 0}
                        {...form.reorder.getButtonProps({
                          name: fields.targets.name,
                          from: index,
                          to: index - 1,
                        })}
                      >
                        ↑
                      </button>
                      <button
                        className="button small"
                        aria-label={`下移第 ${index + 1} 项`}
                        disabled={index === rows.length - 1}
                        {...form.reorder.getButtonProps({
                          name: fields.targets.name,
                          from: index,
                          to: index + 1,
                        })}
                      >
                        ↓
                      </button>
                      <button
                        className="button small danger"
                        aria-label={`删除第 ${index + 1} 项`}
                        {...form.remove.getButtonProps({ name: fields.targets.name, index })}
                      >
                        删除
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <FieldError field={fields.targets} />
          <div className="form-actions targets-actions">
            <button
              className="button"
              {...form.insert.getButtonProps({
                name: fields.targets.name,
                defaultValue: {
                  name: "",
                  value: "",
                  unit: "%",
                  qualifier: "",
                  baseline: "",
                  departmentId: "",
                },
              })}
            >
              添加一项
            </button>
            <label className="checkbox">
              <input type="checkbox" name="asTable" defaultChecked={asTable} /> 导出 Word
              时另附预期目标表
            </label>
            <button type="submit" className="button primary" disabled={navigation.state !== "idle"}>
              保存预期目标
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
