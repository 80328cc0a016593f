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
import { useState } from "react";

import { FormError, TextField } from "~/components/form";
import { useZodForm } from "~/components/use-zod-form";
import { FONT_PRESETS, FONT_ROLES, type FontPreset } from "~/export/fonts";
import { LIST_STYLE_LABELS, LIST_STYLES } from "~/export/lists";
import { getExportFonts, getListStyle, setExportFonts, setListStyle } from "~/models/export.server";
import { getPublishing, setPublishing } from "~/models/publishing.server";
import { getProgressPeriod, setProgressPeriod } from "~/models/target-progress.server";
import { PERIOD_KIND_LABELS, PERIOD_KINDS } from "~/progress/periods";
import { requireUserCan } from "~/policies/policy.server";
import { badRequest } from "~/utils/http.server";
import { setFlash } from "~/utils/session.server";
import { optionalText, requiredText, z } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "公文格式 · 年度工作计划编审系统" }];

const ListStyleSchema = z.object({
  intent: z.literal("list-style"),
  listStyle: z.enum(LIST_STYLES, { error: "请选择列表的印刷样式" }),
});

const ProgressPeriodSchema = z.object({ progressPeriod: z.enum(PERIOD_KINDS) });

const FontsSchema = z.object({
  title: requiredText("标题字体", 40),
  body: requiredText("正文字体", 40),
  heading1: requiredText("一级标题字体", 40),
  heading2: requiredText("二级标题字体", 40),
  pageNumber: requiredText("页码字体", 40),
});

/** 发文机关 and 版记 (app/export/publication.ts), copied into a plan when it is issued. */
const PublishingSchema = z.object({
  governmentName: requiredText("镇人民政府的名称", 40),
  partyName: requiredText("镇党委的名称", 40),
  mainRecipients: optionalText("主送机关", 200).transform((value) => value ?? ""),
  copyTo: optionalText("抄送机关", 500).transform((value) => value ?? ""),
  printer: requiredText("印发机关", 40),
});

const PUBLISHING_FIELDS = [
  { key: "governmentName", label: "镇人民政府（发文机关标志、署名）", hint: "如：示例镇人民政府" },
  { key: "partyName", label: "镇党委（发文机关标志、署名）", hint: "如：中共示例镇委员会" },
  {
    key: "mainRecipients",
    label: "主送机关（通知式）",
    hint: "如：各村（社区），镇属各部门、各单位",
  },
  { key: "copyTo", label: "抄送机关（版记）", hint: "用顿号或逗号分隔；不抄送则留空" },
  { key: "printer", label: "印发机关（版记）", hint: "如：示例镇党政办公室" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserCan(request, "town.administer", null);
  return {
    fonts: await getExportFonts(user.townId),
    listStyle: await getListStyle(user.townId),
    publishing: await getPublishing(user.townId),
    progressPeriod: await getProgressPeriod(user.townId),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserCan(request, "town.administer", null);
  const formData = await request.formData();
  if (formData.get("intent") === "list-style") {
    const choice = ListStyleSchema.safeParse(Object.fromEntries(formData));
    if (!choice.success) return data({ listStyleError: "请选择列表的印刷样式" }, { status: 400 });
    await setListStyle(user.townId, choice.data.listStyle);
    await setFlash(request, `已保存：项目列表印作“${LIST_STYLE_LABELS[choice.data.listStyle]}”`);
    return redirect("/admin/export");
  }
  if (formData.get("intent") === "progress-period") {
    const choice = ProgressPeriodSchema.safeParse(Object.fromEntries(formData));
    if (!choice.success) badRequest("请选择目标进度的报送周期。");
    await setProgressPeriod(user.townId, choice.data.progressPeriod);
    await setFlash(request, `已保存：目标进度${PERIOD_KIND_LABELS[choice.data.progressPeriod]}`);
    return redirect("/admin/export");
  }
  if (formData.get("intent") === "publishing") {
    const submission = parseWithZod(formData, { schema: PublishingSchema });
    if (submission.status !== "success") {
      return data({ publishing: submission.reply() }, { status: 400 });
    }
    await setPublishing(user.townId, submission.value);
    await setFlash(request, "已保存发文机关和版记设置；此后印发的计划使用新的设置");
    return redirect("/admin/export");
  }
  const submission = parseWithZod(formData, { schema: FontsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await setExportFonts(user.townId, submission.value);
  await setFlash(request, "已保存导出 Word 使用的字体");
  return redirect("/admin/export");
}

/** One town setting chosen among a few (radio buttons), saved with its own intent. */
function ChoiceForm({
  intent,
  legend,
  name,
  choices,
  chosen,
  error = null,
  busy,
  children,
}: {
  intent: string;
  legend: string;
  name: string;
  choices: { value: string; label: string }[];
  chosen: string;
  error?: string | null;
  busy: boolean;
  children: string;
}) {
  return (
    <Form method="post" className="stack">
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <input type="hidden" name="intent" value={intent} />
      <fieldset className="field">
        <legend>{legend}</legend>
        {choices.map((choice) => (
          <label key={choice.value} className="checkbox">
            <input
              type="radio"
              name={name}
              value={choice.value}
              defaultChecked={choice.value === chosen}
            />{" "}
            {choice.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button primary" disabled={busy}>
        {children}
      </button>
    </Form>
  );
}

/** The font names the Word export writes; the standard's by default, or the Windows preset. */
export default function ExportFontsPage() {
  const { fonts, listStyle, publishing, progressPeriod } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult =
    actionData && !("listStyleError" in actionData) && !("publishing" in actionData)
      ? actionData
      : undefined;
  const [publishingForm, publishingFields] = useZodForm(PublishingSchema, {
    id: "publishing",
    lastResult: actionData && "publishing" in actionData ? actionData.publishing : undefined,
    defaultValue: publishing,
  });
  const navigation = useNavigation();
  const [preset, setPreset] = useState(0);
  const [form, fields] = useZodForm(FontsSchema, {
    id: "export-fonts",
    lastResult,
    defaultValue: fonts,
  });
  const apply = (name: FontPreset) => {
    for (const { key } of FONT_ROLES)
      form.update({ name: fields[key].name, value: FONT_PRESETS[name].fonts[key] });
    setPreset((n) => n + 1);
  };
  return (
    <>
      <section className="panel narrow" aria-labelledby="lists-heading">
        <h2 id="lists-heading">项目列表的印刷样式</h2>
        <p className="muted">
          公文不用圆点。起草人在编辑器中插入的“项目列表”，在编辑器、打印预览和导出的 Word
          中都按这里选定的样式编号；“编号列表”一律印作（1）（2），其下一级印作①②。
        </p>
        <ChoiceForm
          intent="list-style"
          legend="项目列表印作"
          name="listStyle"
          choices={LIST_STYLES.map((style) => ({ value: style, label: LIST_STYLE_LABELS[style] }))}
          chosen={listStyle}
          error={actionData && "listStyleError" in actionData ? actionData.listStyleError : null}
          busy={navigation.state !== "idle"}
        >
          保存列表样式
        </ChoiceForm>
      </section>
      <section className="panel narrow" aria-labelledby="progress-period-heading">
        <h2 id="progress-period-heading">目标进度的报送周期</h2>
        <p className="muted">
          计划印发后，各责任科室按这里的周期报送主要预期目标的完成数，每期结束后次月10日前报送，逾期未报的显示在其待办中。
        </p>
        <ChoiceForm
          intent="progress-period"
          legend="报送周期"
          name="progressPeriod"
          choices={PERIOD_KINDS.map((kind) => ({ value: kind, label: PERIOD_KIND_LABELS[kind] }))}
          chosen={progressPeriod}
          busy={navigation.state !== "idle"}
        >
          保存报送周期
        </ChoiceForm>
      </section>
      <section className="panel narrow" aria-labelledby="publishing-heading">
        <h2 id="publishing-heading">发文机关与版记</h2>
        <p className="muted">
          以“文件式”或“通知式”印发时，红色版头用这里的机关名称，版记用这里的抄送机关和印发机关。
          印发时的设置随计划一起存档，之后修改不影响已印发的文件。
        </p>
        <Form method="post" {...getFormProps(publishingForm)}>
          <input type="hidden" name="intent" value="publishing" />
          <FormError errors={publishingForm.errors} id={publishingForm.errorId} />
          {PUBLISHING_FIELDS.map(({ key, label, hint }) => (
            <TextField key={key} label={label} field={publishingFields[key]} hint={hint} />
          ))}
          <button type="submit" className="button primary" disabled={navigation.state !== "idle"}>
            保存发文设置
          </button>
        </Form>
      </section>
      <section className="panel narrow" aria-labelledby="fonts-heading">
        <h2 id="fonts-heading">导出 Word 的公文字体</h2>
        <p className="muted">
          国家标准（GB/T 9704）使用方正小标宋简体、仿宋_GB2312 等字体；普通 Windows
          电脑没有这些字体时，请选用“Windows 常用字体”，或填写本镇电脑上实际安装的字体名称。
        </p>
        <p className="workflow-buttons">
          {(Object.keys(FONT_PRESETS) as FontPreset[]).map((name) => (
            <button key={name} type="button" className="button small" onClick={() => apply(name)}>
              使用{FONT_PRESETS[name].label}
            </button>
          ))}
        </p>
        <Form method="post" {...getFormProps(form)}>
          <FormError errors={form.errors} id={form.errorId} />
          {FONT_ROLES.map(({ key, label }) => (
            <TextField key={key} label={label} field={fields[key]} remountKey={preset} />
          ))}
          <button type="submit" className="button primary" disabled={navigation.state !== "idle"}>
            保存字体设置
          </button>
        </Form>
      </section>
    </>
  );
}
