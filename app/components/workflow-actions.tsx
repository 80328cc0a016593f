import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useFetcher, useNavigation, useSubmit } from "@remix-run/react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { ZodType } from "zod";

import { today as beijingToday } from "~/utils/dates";
import type { WorkflowActionData } from "~/utils/workflow-action.server";
import {
  DOCUMENT_NUMBER_HINT,
  type PlanEventFacts,
  planEventSchema,
  SectionEventSchema,
} from "~/utils/workflow-validation";

import { ChineseDateField } from "./date-field";

export type WorkflowActionView = { type: string; label: string; disabledReason: string | null };

type Props = {
  actions: WorkflowActionView[];
  /** The version the page shows; the server refuses an event made on an older one. */
  baseVersion: number;
  error?: string | null;
  /** Sections a plan return may name (plan page only). */
  returnableSections?: { id: string; title: string }[];
  /** Waits for unsaved typing to reach the server and gives the version it made. */
  settle?: () => Promise<number>;
  /** Route to post to (defaults to the current one). */
  action?: string;
  /** The Party committee is deciding: its decisions record the meeting (date, number). */
  meeting?: boolean;
  /** Who issues the plan and for which year, for the 印发 dialog's preview of the header. */
  publication?: { issuer: string; year: number };
  /** The plan's stored facts its dialogs are checked against; absent on a section's page. */
  planFacts?: PlanEventFacts;
};

type DialogKind = "return" | "publish" | "decision" | "amendments" | "correction";

function dialogKind(type: string, meeting: boolean): DialogKind | null {
  if (type === "return" || type === "publish") return type;
  if (type === "correctDocumentNumber") return "correction";
  if (type === "approveWithAmendments") return "amendments";
  if (meeting && type === "approve") return "decision";
  return null;
}

/** The workflow buttons the machine allows for this person now; some open a dialog first. */
export function WorkflowActions({
  actions,
  baseVersion,
  error,
  returnableSections,
  settle,
  action,
  meeting = false,
  publication,
  planFacts,
}: Props) {
  const schema = planFacts ? planEventSchema(planFacts) : SectionEventSchema;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "event";
  if (actions.length === 0 && !error) return null;
  return (
    <div className="workflow-actions" data-testid="workflow-actions">
      {error && (
        <p className="alert error" role="alert" data-testid="workflow-error">
          {error}
        </p>
      )}
      <div className="workflow-buttons">
        {actions.map((item) =>
          dialogKind(item.type, meeting) ? (
            <DialogAction
              key={item.type}
              kind={dialogKind(item.type, meeting)!}
              meeting={meeting}
              item={item}
              baseVersion={baseVersion}
              busy={busy}
              returnableSections={returnableSections}
              action={action}
              publication={publication}
              schema={schema}
              settle={settle}
            />
          ) : (
            <DirectAction
              key={item.type}
              item={item}
              baseVersion={baseVersion}
              busy={busy}
              settle={settle}
              action={action}
            />
          ),
        )}
      </div>
    </div>
  );
}

/** The fields every workflow event form posts. */
export function EventFields({ type, baseVersion }: { type: string; baseVersion: number }) {
  return (
    <>
      <input type="hidden" name="intent" value="event" />
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="baseVersion" value={baseVersion} />
    </>
  );
}

/** Steps of the plan that may accept every section's tracked changes as they go. */
const CLEAN_COPY_STEPS = ["startCompiling", "finalize"];

function DirectAction({
  item,
  baseVersion,
  busy,
  settle,
  action,
}: {
  item: WorkflowActionView;
  baseVersion: number;
  busy: boolean;
  settle?: () => Promise<number>;
  action?: string;
}) {
  const submit = useSubmit();
  const [settling, setSettling] = useState(false);
  const [settleError, setSettleError] = useState<string | null>(null);
  const hintId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!settle) return;
    // Unsaved typing must be on the server before any step: the step names the version it saw.
    event.preventDefault();
    const form = event.currentTarget;
    setSettling(true);
    setSettleError(null);
    try {
      const version = await settle();
      const data = new FormData(form);
      data.set("baseVersion", String(version));
      submit(data, { method: "post", action });
    } catch (reason) {
      setSettleError(reason instanceof Error ? reason.message : "内容尚未保存，请稍后再提交。");
    } finally {
      setSettling(false);
    }
  }

  const primary = ["approve", "submit", "startCompiling", "submitToMayor", "finalize"].includes(
    item.type,
  );
  return (
    <Form method="post" action={action} onSubmit={onSubmit} className="action-form">
      <EventFields type={item.type} baseVersion={baseVersion} />
      {CLEAN_COPY_STEPS.includes(item.type) && item.disabledReason === null && (
        <label className="checkbox">
          <input type="checkbox" name="cleanCopy" value="on" />
          同时清稿（接受全部修订，修订稿存为花脸稿）
        </label>
      )}
      <button
        type="submit"
        className={`button${primary ? " primary" : ""}`}
        disabled={busy || settling || item.disabledReason !== null}
        aria-describedby={item.disabledReason ? hintId : undefined}
        title={item.disabledReason ?? undefined}
      >
        {settling ? "正在保存…" : item.label}
      </button>
      {item.disabledReason && (
        <span id={hintId} className="muted action-hint">
          {item.disabledReason}
        </span>
      )}
      {settleError && (
        <span className="alert error" role="alert">
          {settleError}
        </span>
      )}
    </Form>
  );
}

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

/** 印发: the 文号 and date as they will head and close the document; the step is final. */
function PublishFields({
  fields,
  publication,
}: {
  fields: Fields;
  publication?: { issuer: string; year: number };
}) {
  const [number, setNumber] = useState("");
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
      {publication && (
        <div className="publish-preview" data-testid="publish-preview">
          <p className="muted">印发后的文件将这样署名：</p>
          <p className="publish-number">{number.trim() || "（文号）"}</p>
          <p className="publish-signature">{publication.issuer}</p>
        </div>
      )}
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

/**
 * A button that opens a dialog for what the step needs (a reason, the
 * meeting, a 文号). The dialog checks what is typed in the page, in Chinese,
 * and stays open with everything typed when the server refuses, showing why.
 */
function DialogAction({
  kind,
  meeting,
  item,
  baseVersion,
  busy,
  returnableSections,
  action,
  publication,
  schema,
  settle,
}: {
  kind: DialogKind;
  meeting: boolean;
  item: WorkflowActionView;
  baseVersion: number;
  busy: boolean;
  returnableSections?: { id: string; title: string }[];
  action?: string;
  publication?: { issuer: string; year: number };
  schema: ZodType;
  settle?: () => Promise<number>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const isReturn = kind === "return";
  const fetcher = useFetcher<WorkflowActionData>();
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
  }, [fetcher.state, fetcher.data]);
  return (
    <>
      <button
        ref={opener}
        type="button"
        className={`button${isReturn ? " danger" : " primary"}`}
        disabled={busy || item.disabledReason !== null}
        title={item.disabledReason ?? undefined}
        onClick={() => dialog.current?.showModal()}
      >
        {item.label}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
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
      </dialog>
    </>
  );
}
