import { Form, useNavigation, useSubmit } from "@remix-run/react";
import type { PublishView } from "~/export/publication";
import { type FormEvent, lazy, Suspense, useId, useRef, useState } from "react";

import type { PlanEventFacts } from "~/utils/workflow-validation";

import { EventFields } from "./event-fields";

export { EventFields };

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
  publication?: PublishView;
  /** The plan's stored facts its dialogs are checked against; absent on a section's page. */
  planFacts?: PlanEventFacts;
};

export type DialogKind = "return" | "publish" | "decision" | "amendments" | "correction";

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
              planFacts={planFacts}
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

const DialogForm = lazy(() => import("./workflow-dialog"));
/** Starts loading the dialogs' form before the click (pointer over, or focus on, a button). */
const preloadDialogForm = () => void import("./workflow-dialog").catch(() => undefined);

/**
 * A button that opens a dialog for what the step needs (a reason, the
 * meeting, a 文号); the form inside is loaded when it first opens.
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
  planFacts,
  settle,
}: {
  kind: DialogKind;
  meeting: boolean;
  item: WorkflowActionView;
  baseVersion: number;
  busy: boolean;
  returnableSections?: { id: string; title: string }[];
  action?: string;
  publication?: PublishView;
  planFacts?: PlanEventFacts;
  settle?: () => Promise<number>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <button
        ref={opener}
        type="button"
        className={`button${kind === "return" ? " danger" : " primary"}`}
        disabled={busy || item.disabledReason !== null}
        title={item.disabledReason ?? undefined}
        onPointerEnter={preloadDialogForm}
        onFocus={preloadDialogForm}
        onClick={() => {
          setOpened(true);
          dialog.current?.showModal();
        }}
      >
        {item.label}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
        {opened && (
          <Suspense
            fallback={
              <p className="muted" role="status">
                正在打开…
              </p>
            }
          >
            <DialogForm
              kind={kind}
              meeting={meeting}
              item={item}
              baseVersion={baseVersion}
              returnableSections={returnableSections}
              action={action}
              publication={publication}
              planFacts={planFacts}
              settle={settle}
              dialog={dialog}
              opener={opener}
              titleId={titleId}
            />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
