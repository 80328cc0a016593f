import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { RouteErrorBoundary } from "~/components/error-page";
import { type FormRow, formNote, formRows } from "~/export/approval-form";
import { approvalFormFor } from "~/models/approval-form.server";
import { assertCan } from "~/policies/policy.server";
import approvalStyles from "~/styles/approval-form.css";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export const links = () => [{ rel: "stylesheet", href: approvalStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `审批单 · ${data?.plan.title ?? "年度计划"}` },
];

// GET /plans/:planId/approval — the 审批单 built from the plan's audit trail:
// whoever of the town may export the plan reads it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await approvalFormFor(user.townId, params.planId ?? "");
  if (!found) notFound("该年度计划不存在，或不属于您所在的镇。");
  assertCan(user, "plan.export", { state: found.plan.state });
  return {
    plan: { id: found.plan.id, title: found.plan.title },
    heading: found.form.heading,
    complete: found.form.complete,
    rows: formRows(found.form),
    note: formNote(found.form),
  };
}

function Grid({ row }: { row: Extract<FormRow, { kind: "grid" }> }) {
  return (
    <table className="approval-grid" aria-label={row.label}>
      <thead>
        <tr>
          {row.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {row.rows.map((cells, r) => (
          <tr key={r}>
            {row.columns.map((column, c) => (
              <td key={column} className={row.wraps[c] ? undefined : "nowrap"}>
                {cells[c]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "章节审核（分管领导）" breaks before its bracket, as in the Word file. */
const labelLines = (label: string) => label.split(/(?=（)/).join("\n");

function Row({ row }: { row: FormRow }) {
  if (row.kind === "pair") {
    const [label1, value1, label2, value2] = row.cells;
    return (
      <tr>
        <th scope="row">{label1}</th>
        <td>{value1}</td>
        <th scope="row">{label2}</th>
        <td>{value2}</td>
      </tr>
    );
  }
  if (row.kind === "text") {
    return (
      <tr>
        <th scope="row">{labelLines(row.label)}</th>
        <td colSpan={3}>{row.lines.join("\n")}</td>
      </tr>
    );
  }
  return (
    <tr data-testid="approval-part">
      <th scope="row">{labelLines(row.label)}</th>
      {row.rows.length ? (
        <td colSpan={3} className="approval-grid-cell">
          <Grid row={row} />
        </td>
      ) : (
        <td colSpan={3}>{row.empty}</td>
      )}
    </tr>
  );
}

export default function ApprovalFormPage() {
  const { plan, heading, complete, rows, note } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="no-print">
        <p className="breadcrumb">
          <Link to="/plans">年度计划</Link> / <Link to={`/plans/${plan.id}`}>{plan.title}</Link> /
          审批单
        </p>
        <div className="page-header">
          <h1>审批单</h1>
          <span className="muted">
            根据审核记录生成，随印发的计划一并归档。
            {!complete && "计划尚未印发，审批单尚不完整。"}
          </span>
        </div>
        <p className="workflow-buttons">
          <a className="button primary" href={`/plans/${plan.id}/approval.docx`} download>
            下载审批单（Word）
          </a>
          <button type="button" className="button" onClick={() => window.print()}>
            打印
          </button>
          <Link className="button" to={`/plans/${plan.id}/events`}>
            审核记录
          </Link>
        </p>
      </div>
      <table className="approval-form" data-testid="approval-form">
        <caption>{heading}</caption>
        <tbody>
          {rows.map((row) => (
            <Row key={row.kind === "pair" ? row.cells[0] : row.label} row={row} />
          ))}
        </tbody>
      </table>
      <p className="approval-note muted">{note}</p>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
