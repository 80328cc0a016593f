import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";

import { RouteErrorBoundary } from "~/components/error-page";
import type { PlanPreview } from "~/import/plan-text";
import { listDepartments } from "~/models/department.server";
import { confirmImport, type ImportSource, previewImport } from "~/models/plan-import.server";
import { listLeaders } from "~/models/section.server";
import { assertCan } from "~/policies/policy.server";
import { requireUser } from "~/utils/auth.server";
import { today } from "~/utils/dates";
import { ImportConfirmSchema, ImportPreviewSchema } from "~/utils/import-validation";
import { TARGET_QUALIFIERS } from "~/utils/target-validation";
import { setFlash } from "~/utils/session.server";
import { PLAN_KINDS } from "~templates/index";
import { SECTION_KIND_LABELS, SECTION_KINDS } from "~templates/section-kinds";

export const meta: MetaFunction = () => [{ title: "导入已有计划 · 年度工作计划编审系统" }];

const KIND_OPTIONS = [
  ...SECTION_KINDS.map((kind) => ({ value: kind, label: SECTION_KIND_LABELS[kind] })),
  { value: "custom", label: "其他（自定义章节）" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  assertCan(user, "plan.create", null);
  const [departments, leaders] = await Promise.all([
    listDepartments(user.townId),
    listLeaders(user.townId),
  ]);
  return {
    nextYear: Number(today().slice(0, 4)) + 1,
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    leaders: leaders.map((l) => ({ id: l.id, name: l.title ? `${l.name}（${l.title}）` : l.name })),
  };
}

type ActionData =
  | { error: string }
  | {
      preview: PlanPreview;
      source: string;
      year: number | null;
      kind: (typeof PLAN_KINDS)[number];
    };

const refuse = (error: string, status = 422) => data<ActionData>({ error }, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  assertCan(user, "plan.create", null);
  const form = await request.formData();
  const fields = Object.fromEntries(
    [...form.entries()].filter(([, value]) => typeof value === "string"),
  );
  if (fields.intent === "confirm") {
    const all = (name: string) => form.getAll(name).map(String);
    const [names, values, units, qualifiers] = [
      all("targetName"),
      all("targetValue"),
      all("targetUnit"),
      all("targetQualifier"),
    ];
    const parsed = ImportConfirmSchema.safeParse({
      ...fields,
      kinds: all("kinds"),
      departments: all("departments"),
      leaders: all("leaders"),
      keep: all("keep"),
      targets: names.map((name, i) => ({
        name,
        value: values[i],
        unit: units[i],
        qualifier: qualifiers[i] || undefined,
      })),
    });
    if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? "参数有误");
    const result = await confirmImport(user, parsed.data);
    if (!result.ok) return refuse(result.message, result.status);
    await setFlash(
      request,
      `已导入${parsed.data.year}年${parsed.data.kind}，各章节已按分工分派到科室`,
    );
    return redirect(`/plans/${result.planId}`);
  }
  const parsed = ImportPreviewSchema.safeParse(fields);
  if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? "参数有误", 400);
  const file = form.get("file");
  const upload =
    file && typeof file !== "string" && file.size > 0
      ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
      : null;
  const result = await previewImport({ file: upload, text: parsed.data.text ?? null });
  if (!result.ok) return refuse(result.message);
  const source: ImportSource = result.source;
  return {
    preview: result.preview,
    source: JSON.stringify(source),
    year: parsed.data.year || result.preview.year,
    kind: parsed.data.kind,
  } satisfies ActionData;
}

export default function ImportPage() {
  const { nextYear, departments, leaders } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const reading = busy && navigation.formData?.get("intent") === "preview";
  const preview = result && "preview" in result ? result : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">年度计划</Link> / 导入已有计划
      </p>
      <div className="page-header">
        <h1>导入已有计划</h1>
        <span className="muted">
          上传往年的
          Word（.docx）或文本（.txt）文件，或粘贴网站上公布的全文；确认前不会保存任何内容。
        </span>
      </div>
      {result && "error" in result && (
        <p className="alert error" role="alert" data-testid="import-error">
          {result.error}
        </p>
      )}
      <section className="panel stack" aria-labelledby="upload-heading">
        <h2 id="upload-heading">第一步：选择文件或粘贴正文</h2>
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="preview" />
          <FileField />
          <label className="field">
            <span>或粘贴正文</span>
            <textarea
              name="text"
              rows={6}
              placeholder="从政府网站复制的计划全文，可以带网页上的来源、时间等信息"
            />
          </label>
          <div className="inline-form">
            <label className="field">
              <span>年度（不填则按文件标题）</span>
              <input name="year" inputMode="numeric" size={6} placeholder={String(nextYear)} />
            </label>
            <label className="field">
              <span>类型</span>
              <select name="kind" defaultValue="工作计划">
                {PLAN_KINDS.map((kind) => (
                  <option key={kind}>{kind}</option>
                ))}
              </select>
            </label>
          </div>
          <p>
            <button type="submit" className="button primary" disabled={busy}>
              {reading ? "正在识别…" : "识别"}
            </button>
          </p>
        </Form>
      </section>
      {preview && (
        <PreviewPanel {...preview} busy={busy} departments={departments} leaders={leaders} />
      )}
    </>
  );
}

/** A file box in Chinese: the browser's own button speaks the browser's language. */
function FileField() {
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="field">
      <span id="file-label">文件（.docx 或 .txt，不超过 10 MB）</span>
      <span className="file-field">
        <label className="button">
          选择文件
          <input
            type="file"
            name="file"
            accept=".docx,.txt"
            className="visually-hidden"
            aria-labelledby="file-label"
            onChange={(event) => setName(event.currentTarget.files?.[0]?.name ?? null)}
          />
        </label>
        <span className="muted" data-testid="file-name">
          {name ?? "未选择文件"}
        </span>
      </span>
    </div>
  );
}

type Choice = { id: string; name: string };

/** A department or leader for one section; empty: as the town assigns the section's kind. */
function ChoiceSelect({
  name,
  label,
  choices,
}: {
  name: string;
  label: string;
  choices: Choice[];
}) {
  return (
    <select name={name} defaultValue="" aria-label={label}>
      <option value="">按类型默认</option>
      {choices.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {choice.name}
        </option>
      ))}
    </select>
  );
}

function PreviewPanel({
  preview,
  source,
  year,
  kind,
  busy,
  departments,
  leaders,
}: Extract<ActionData, { preview: PlanPreview }> & {
  busy: boolean;
  departments: Choice[];
  leaders: Choice[];
}) {
  return (
    <section className="panel stack" aria-labelledby="preview-heading" data-testid="import-preview">
      <h2 id="preview-heading">第二步：核对识别结果</h2>
      <p>
        {preview.title ?? "（未识别出标题）"}：识别出 {preview.sections.length} 个章节、
        {preview.targets.length} 项主要预期目标。
      </p>
      {preview.warnings.length > 0 && (
        <ul className="alert warning" data-testid="import-warnings">
          {preview.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="source" value={source} />
        <table className="data-table" data-testid="import-sections">
          <caption className="visually-hidden">识别出的章节</caption>
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">章节标题</th>
              <th scope="col">类型</th>
              <th scope="col">起草科室</th>
              <th scope="col">分管领导</th>
              <th scope="col" className="num">
                字数
              </th>
              <th scope="col">开头</th>
            </tr>
          </thead>
          <tbody>
            {preview.sections.map((section, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{section.title}</td>
                <td>
                  <select
                    name="kinds"
                    defaultValue={section.kind}
                    aria-label={`“${section.title}”的类型`}
                  >
                    {KIND_OPTIONS.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <ChoiceSelect
                    name="departments"
                    label={`“${section.title}”的起草科室`}
                    choices={departments}
                  />
                </td>
                <td>
                  <ChoiceSelect
                    name="leaders"
                    label={`“${section.title}”的分管领导`}
                    choices={leaders}
                  />
                </td>
                <td className="num">{section.characters}</td>
                <td className="muted">{(section.blocks[1]?.text ?? "").slice(0, 30)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {preview.targets.length > 0 && (
          <table className="data-table" data-testid="import-targets">
            <caption>主要预期目标（可修改；不勾选的不导入）</caption>
            <thead>
              <tr>
                <th scope="col">导入</th>
                <th scope="col">指标</th>
                <th scope="col">目标值</th>
                <th scope="col">单位</th>
                <th scope="col">限定</th>
              </tr>
            </thead>
            <tbody>
              {preview.targets.map((target, i) => (
                <tr key={i}>
                  <td>
                    <input
                      type="checkbox"
                      name="keep"
                      value={i}
                      defaultChecked
                      aria-label={`导入“${target.name}”`}
                    />
                  </td>
                  <td>
                    <input
                      name="targetName"
                      defaultValue={target.name}
                      aria-label={`第 ${i + 1} 项指标`}
                      maxLength={40}
                    />
                  </td>
                  <td>
                    <input
                      name="targetValue"
                      defaultValue={target.value}
                      aria-label={`第 ${i + 1} 项的目标值`}
                      inputMode="decimal"
                      size={6}
                    />
                  </td>
                  <td>
                    <input
                      name="targetUnit"
                      defaultValue={target.unit}
                      aria-label={`第 ${i + 1} 项的单位`}
                      size={4}
                    />
                  </td>
                  <td>
                    <select
                      name="targetQualifier"
                      defaultValue={target.qualifier ?? ""}
                      aria-label={`第 ${i + 1} 项的限定`}
                    >
                      <option value="">（无）</option>
                      {TARGET_QUALIFIERS.map((q) => (
                        <option key={q}>{q}</option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <details>
          <summary>
            形势与总体要求（{preview.preamble.length} 段）、结束语（{preview.closing.length} 段）
          </summary>
          {preview.preamble.map((p, i) => (
            <p key={`p${i}`}>{p}</p>
          ))}
          {preview.closing.map((p, i) => (
            <p key={`c${i}`}>{p}</p>
          ))}
        </details>
        {preview.skipped.length > 0 && (
          <details data-testid="import-skipped">
            <summary>不导入的内容（{preview.skipped.length} 处）</summary>
            <ul>
              {preview.skipped.map((item, i) => (
                <li key={i}>
                  {item.text} <span className="muted">{item.reason}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
        <div className="inline-form">
          <label className="field">
            <span>年度</span>
            <input name="year" inputMode="numeric" size={6} defaultValue={year ?? ""} required />
          </label>
          <label className="field">
            <span>类型</span>
            <select name="kind" defaultValue={kind}>
              {PLAN_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
        </div>
        <p>
          <button
            type="submit"
            className="button primary"
            disabled={busy || preview.sections.length === 0}
          >
            确认导入
          </button>
        </p>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
