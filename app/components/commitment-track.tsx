// The coordinator's choice of which of the sections' commitments are tracked
// after 印发: what each section commits to in figures, and the form that
// tracks one (prefilled from a proposal, corrected by hand).
import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";

import type { CommitmentGuess } from "~/progress/commitments";
import { CommitmentSchema, TARGET_QUALIFIERS } from "~/utils/target-validation";

import { FormError, SelectField, TextField } from "./form";
import { useZodForm } from "./use-zod-form";

type Proposals = {
  sectionId: string;
  sectionTitle: string;
  proposals: (CommitmentGuess & { tracked: boolean })[];
}[];

export function TrackCommitmentPanel({
  proposals,
  prefill,
  lastResult,
  busy,
}: {
  proposals: Proposals;
  prefill: (CommitmentGuess & { sectionId: string }) | null;
  lastResult: SubmissionResult<string[]> | null | undefined;
  busy: boolean;
}) {
  const found = proposals.reduce((n, s) => n + s.proposals.length, 0);
  // A new proposal chosen starts the form afresh with its values.
  const [form, fields] = useZodForm(CommitmentSchema, {
    id: `track-${prefill ? `${prefill.sectionId}-${prefill.name}` : "blank"}`,
    lastResult,
    defaultValue: prefill
      ? {
          sectionId: prefill.sectionId,
          name: prefill.name,
          value: prefill.value,
          unit: prefill.unit,
          qualifier: prefill.qualifier ?? undefined,
          source: prefill.sentence,
        }
      : undefined,
  });
  return (
    <section className="panel" aria-labelledby="track-heading">
      <h2 id="track-heading">选择跟踪的重点任务</h2>
      <p className="muted">
        各章节中可以量化的工作任务（如“全年计划引进过亿元项目5个”），可以像主要预期目标一样按期报送进度。跟踪只用于进度报送和工作总结，不改动已印发的计划正文。
      </p>
      <details open={found > 0 && !prefill}>
        <summary>从各章节找到的可量化任务（{found}项）</summary>
        {proposals
          .filter((section) => section.proposals.length > 0)
          .map((section) => {
            const s = proposals.indexOf(section);
            return (
              <div key={section.sectionId} className="proposal-group">
                <h3>{section.sectionTitle}</h3>
                <ul className="proposal-list">
                  {section.proposals.map((guess, p) => (
                    <li key={p}>
                      <span>
                        <strong>
                          {guess.name} {guess.value}
                          {guess.unit}
                          {guess.qualifier ?? ""}
                        </strong>
                        <span className="muted small-note"> {guess.sentence}</span>
                      </span>
                      {guess.tracked ? (
                        <span className="badge ok">已跟踪</span>
                      ) : (
                        <Link
                          className="button small"
                          to={`?proposal=${s}.${p}#track-form-heading`}
                          preventScrollReset={false}
                          aria-label={`填入：${guess.name}${guess.value}${guess.unit}`}
                        >
                          填入
                        </Link>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        {found === 0 && <p className="muted">各章节中没有找到带数量和单位的任务，可以手工添加。</p>}
      </details>
      <h3 id="track-form-heading">添加跟踪任务</h3>
      <FormError errors={form.errors} id={form.errorId} />
      <Form method="post" {...getFormProps(form)} className="track-form" preventScrollReset>
        <input type="hidden" name="intent" value="track" />
        <SelectField
          label="所在章节"
          field={fields.sectionId}
          options={proposals.map((section) => ({
            value: section.sectionId,
            label: section.sectionTitle,
          }))}
          empty="请选择"
        />
        <TextField label="任务名称" field={fields.name} placeholder="如：引进过亿元项目" />
        <TextField label="全年目标" field={fields.value} inputMode="decimal" size={8} />
        <TextField label="单位" field={fields.unit} size={6} placeholder="如：个" />
        <SelectField
          label="限定"
          field={fields.qualifier}
          options={TARGET_QUALIFIERS.map((q) => ({ value: q, label: q }))}
          empty="不限定"
        />
        <input {...getInputProps(fields.source, { type: "hidden" })} key={fields.source.key} />
        {prefill && <p className="muted small-note">原文：{prefill.sentence}</p>}
        <button type="submit" className="button primary" disabled={busy}>
          开始跟踪
        </button>
      </Form>
    </section>
  );
}
