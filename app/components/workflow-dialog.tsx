// The workflow dialogs' forms: a reason, the meeting, a 文号, checked in the
// page with the same schemas as the server. Loaded when a dialog first opens
// (workflow-actions.tsx): the form library, Zod and the schemas are a large
// part of a page's script, and most visits open no dialog.
import {
  type IssuerChoice,
  ISSUER_LABELS,
  ISSUERS,
  PUBLICATION_FORMAT_LABELS,
  PUBLICATION_FORMATS,
  type PublicationFormat,
  type PublishView,
} from "~/export/publication";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useFetcher } from "@remix-run/react";
import { type RefObject, useEffect, useId, useRef, useState } from "react";
import type { ZodType } from "zod";

import { today as beijingToday } from "~/utils/dates";
import { DOCUMENT_NUMBER_HINT } from "~/utils/document-number";
import type { WorkflowActionData } from "~/utils/workflow-action.server";
import {
  type PlanEventFacts,
  planEventSchema,
  SectionEventSchema,
} from "~/utils/workflow-validation";

import { ChineseDateField } from "./date-field";
import { EventFields } from "./event-fields";
import type { DialogKind, WorkflowActionView } from "./workflow-actions";

type Fields = Record<string, { name: string; errors?: string[]; errorId: string }>;

function Problem({ field }: { field?: { errors?: string[]; errorId: string } }) {
  if (!field?.errors?.length) return null;
  return (
    <span className="field-error" id={field.errorId} role="alert">
      {field.errors.join("；")}
    </span>
  );
}

/** A text field of a dialog: its label, its errors, described by them. */
function DialogText({
  field,
  label,
  rows,
  maxLength,
  placeholder,
  describedBy,
  value,
  onChange,
}: {
  field: Fields[string];
  label: string;
  rows?: number;
  maxLength: number;
  placeholder?: string;
  describedBy?: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const invalid = !!field.errors?.length;
  const common = {
    name: field.name,
    maxLength,
    placeholder,
    "aria-invalid": invalid || undefined,
    "aria-describedby":
      [invalid ? field.errorId : "", describedBy ?? ""].join(" ").trim() || undefined,
    ...(onChange
      ? { value, onChange: (e: { target: { value: string } }) => onChange(e.target.value) }
      : {}),
  };
  return (
    <label className="field">
      <span>{label}</span>
      {rows ? <textarea rows={rows} {...common} /> : <input {...common} />}
      <Problem field={field} />
    </label>
  );
}

/** A 文号 box with the rule for writing it underneath. */
function DocumentNumberField({
  field,
  label,
  placeholder,
  value,
  onChange,
}: {
  field: Fields[string];
  label: string;
  placeholder?: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const hintId = useId();
  return (
    <>
      <DialogText
        field={field}
        label={label}
        maxLength={40}
        placeholder={placeholder}
        describedBy={hintId}
        value={value}
        onChange={onChange}
      />
      <p id={hintId} className="muted small-note">
        {DOCUMENT_NUMBER_HINT}
      </p>
    </>
  );
}

function MeetingFields({ fields }: { fields: Fields }) {
  return (
    <fieldset className="field">
      <legend>党委会会议（记录在案）</legend>
      <ChineseDateField
        name={fields.meetingDate!.name}
        label="会议日期"
        required
        errors={fields.meetingDate!.errors}
        errorId={fields.meetingDate!.errorId}
      />
      <DialogText
        field={fields.meetingNumber!}
        label="会议届次（必填）"
        maxLength={40}
        placeholder="如：2027年第2次党委会"
      />
    </fieldset>
  );
}

const DIALOG_TEXT: Record<DialogKind, { title: (label: string) => string; confirm: string }> = {
  return: { title: () => "退回修改", confirm: "确认退回" },
  publish: { title: () => "印发", confirm: "确认印发" },
  decision: { title: (label) => label, confirm: "确认" },
  amendments: { title: (label) => label, confirm: "确认" },
  correction: { title: () => "更正文号", confirm: "确认更正" },
};

/** 印发: the 文号 and date, how the document is issued (版头, seal); the step is final. */
function PublishFields({ fields, publication }: { fields: Fields; publication?: PublishView }) {
  const [number, setNumber] = useState("");
  const [format, setFormat] = useState<PublicationFormat>("plain");
  const [issuer, setIssuer] = useState<IssuerChoice>("government");
  const names = publication?.issuers[issuer] ?? [];
  return (
    <>
      <DocumentNumberField
        field={fields.documentNumber!}
        label="文号（必填）"
        placeholder={`如：示政发〔${publication?.year ?? new Date().getFullYear()}〕1号`}
        value={number}
        onChange={setNumber}
      />
      <ChineseDateField
        name={fields.date!.name}
        label="印发日期"
        required
        defaultValue={beijingToday()}
        errors={fields.date!.errors}
        errorId={fields.date!.errorId}
      />
      <fieldset className="field">
        <legend>印发格式</legend>
        {PUBLICATION_FORMATS.map((value) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name={fields.format!.name}
              value={value}
              checked={format === value}
              onChange={() => setFormat(value)}
            />{" "}
            {PUBLICATION_FORMAT_LABELS[value]}
          </label>
        ))}
        <Problem field={fields.format} />
      </fieldset>
      <div className="field">
        <label htmlFor="publish-issuer">发文机关</label>
        <select
          id="publish-issuer"
          name={fields.issuer!.name}
          value={issuer}
          onChange={(event) => setIssuer(event.target.value as IssuerChoice)}
        >
          {ISSUERS.map((value) => (
            <option key={value} value={value}>
              {publication ? publication.issuers[value].join("、") : ISSUER_LABELS[value]}
            </option>
          ))}
        </select>
        <Problem field={fields.issuer} />
      </div>
      <label className="checkbox">
        <input type="checkbox" name={fields.sealed!.name} />{" "}
        加盖印章（成文日期右空四字，留出盖章位置）
      </label>
      <label className="checkbox">
        <input type="checkbox" name={fields.publicRelease!.name} /> 附注“（此件公开发布）”
      </label>
      {publication && (
        <div className="publish-preview" data-testid="publish-preview">
          <p className="muted">印发后的文件将这样署名：</p>
          {format !== "plain" && (
            <p className="publish-mark">
              {names.length > 1 ? `${names.join(" ")} 文件` : `${names[0]}文件`}
            </p>
          )}
          <p className="publish-number">{number.trim() || "（文号）"}</p>
          {names.map((name) => (
            <p className="publish-signature" key={name}>
              {name}
            </p>
          ))}
        </div>
      )}
      <p className="muted small-note">
        文件式和通知式带红色版头和版记；发文机关名称、主送、抄送和印发机关在“系统管理 →
        公文格式”中设置。
      </p>
      <p className="alert warning">
        印发后计划即为正式文件，内容不能再修改，本操作不能撤销。文号填错时只能由系统管理员更正（留有记录）。
      </p>
    </>
  );
}

/** An administrator's correction of a wrong 文号: kept on the record with its reason. */
function CorrectionFields({ fields }: { fields: Fields }) {
  return (
    <>
      <DocumentNumberField field={fields.documentNumber!} label="正确的文号（必填）" />
      <DialogText field={fields.reason!} label="更正原因（必填）" rows={3} maxLength={500} />
      <p className="muted">
        更正记入审核记录（原文号、新文号、更正人和原因）；此后导出的文件使用新文号，正文不变。
      </p>
    </>
  );
}

export interface DialogFormProps {
  kind: DialogKind;
  meeting: boolean;
  item: WorkflowActionView;
  baseVersion: number;
  returnableSections?: { id: string; title: string }[];
  action?: string;
  publication?: PublishView;
  planFacts?: PlanEventFacts;
  settle?: () => Promise<number>;
  dialog: RefObject<HTMLDialogElement | null>;
  opener: RefObject<HTMLButtonElement | null>;
  titleId: string;
}

/**
 * The dialog's form. It checks what is typed in Chinese, and stays open with
 * everything typed when the server refuses, showing why.
 */
export default function DialogForm({
  kind,
  meeting,
  item,
  baseVersion,
  returnableSections,
  action,
  publication,
  planFacts,
  settle,
  dialog,
  opener,
  titleId,
}: DialogFormProps) {
  const isReturn = kind === "return";
  const fetcher = useFetcher<WorkflowActionData>();
  const schema = planFacts ? planEventSchema(planFacts) : SectionEventSchema;
  const [form, fieldsOf] = useForm<Record<string, unknown>>({
    id: `event-${item.type}`,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: schema as ZodType<Record<string, unknown>> }),
    onSubmit: (event, { formData }) => {
      if (!settle) return;
      // The reviewer's unsaved edits reach the server first; the step then names their version.
      event.preventDefault();
      setSettleError(null);
      settle().then(
        (version) => {
          formData.set("baseVersion", String(version));
          fetcher.submit(formData, { method: "post", action });
        },
        (reason: unknown) =>
          setSettleError(reason instanceof Error ? reason.message : "内容尚未保存，请稍后再提交。"),
      );
    },
  });
  const [settleError, setSettleError] = useState<string | null>(null);
  const fields = fieldsOf as unknown as Fields;
  const refusal =
    settleError ?? (fetcher.state === "idle" ? fetcher.data?.workflowError : undefined);
  // The dialog opened before this form arrived: its first field takes the focus,
  // as showModal() would have given it.
  useEffect(() => {
    dialog.current
      ?.querySelector<HTMLElement>("textarea, input:not([type=hidden]), select")
      ?.focus();
  }, [dialog]);
  // Done (the server redirected): close; the page shows the result and takes the focus.
  const sent = useRef(false);
  useEffect(() => {
    if (fetcher.state !== "idle") sent.current = true;
    else if (sent.current) {
      sent.current = false;
      if (!fetcher.data?.workflowError) {
        // close() gives the focus back to the opener; the result is what the person needs next.
        dialog.current?.close();
        document.querySelector<HTMLElement>(".flash, #main")?.focus();
      }
    }
  }, [fetcher.state, fetcher.data, dialog]);
  return (
    <fetcher.Form method="post" action={action} {...getFormProps(form)}>
      <EventFields type={item.type} baseVersion={baseVersion} />
      <h2 id={titleId}>{DIALOG_TEXT[kind].title(item.label)}</h2>
      {refusal && (
        <p className="alert error" role="alert" data-testid="dialog-error">
          {refusal}
        </p>
      )}
      {kind === "decision" ? (
        <MeetingFields fields={fields} />
      ) : kind === "amendments" ? (
        <>
          <MeetingFields fields={fields} />
          <DialogText
            field={fields.opinions!}
            label="党委会审议意见（必填，党政办据此修改）"
            rows={6}
            maxLength={4000}
            placeholder="请逐条写明会议提出的修改意见"
          />
        </>
      ) : kind === "correction" ? (
        <CorrectionFields fields={fields} />
      ) : isReturn ? (
        <>
          <DialogText
            field={fields.reason!}
            label="退回理由（必填）"
            rows={5}
            maxLength={2000}
            placeholder="请写明需要修改的地方和要求"
          />
          {returnableSections && returnableSections.length > 0 && (
            <fieldset className="field">
              <legend>退回哪些章节（不选则退回整个计划）</legend>
              {returnableSections.map((section) => (
                <label key={section.id} className="checkbox">
                  <input type="checkbox" name="sections" value={section.id} /> {section.title}
                </label>
              ))}
            </fieldset>
          )}
          {meeting && <MeetingFields fields={fields} />}
        </>
      ) : (
        <PublishFields fields={fields} publication={publication} />
      )}
      <div className="dialog-buttons">
        <button
          type="submit"
          className={`button${isReturn ? " danger" : " primary"}`}
          disabled={fetcher.state !== "idle"}
        >
          {fetcher.state !== "idle" ? "正在提交…" : DIALOG_TEXT[kind].confirm}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            dialog.current?.close();
            opener.current?.focus();
          }}
        >
          取消
        </button>
      </div>
    </fetcher.Form>
  );
}
