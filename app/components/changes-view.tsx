import { Form, Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";

import type { AuthorSummary } from "~/editor/attribution";
import type { FontSettings } from "~/export/fonts";
import type { Block } from "~/export/model";

import { DocumentView, TrackedChanges } from "./document";

/** Colours that keep 4.5:1 on white; one per person, in order of appearance. */
export const AUTHOR_COLOURS = 6;

export function colourIndex(authors: AuthorSummary[]) {
  const index = new Map(authors.map((a, i) => [a.author.id, i % AUTHOR_COLOURS]));
  return (authorId: string) => index.get(authorId) ?? 0;
}

/** The link to the same page with one query parameter set (or removed). */
function useWith() {
  const [params] = useSearchParams();
  return (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    const query = next.toString();
    return query ? `?${query}` : "?";
  };
}

/** Who changed the text and how much, each in their colour; choose one person to see theirs. */
export function ChangesLegend({
  authors,
  only,
  actions,
}: {
  authors: AuthorSummary[];
  only: string | null;
  /** Per person, e.g. a button that undoes all of theirs. */
  actions?: (author: AuthorSummary) => ReactNode;
}) {
  const withParam = useWith();
  const colourOf = colourIndex(authors);
  return (
    <ul className="change-legend" aria-label="修改人">
      {authors.map((summary) => (
        <li key={summary.author.id} data-testid="change-author">
          <span
            className={`author-swatch author-${colourOf(summary.author.id)}`}
            aria-hidden="true"
          />
          <strong>{summary.author.name}</strong>
          <span className="muted">
            插入 {summary.inserts} 处，删除 {summary.deletes} 处
          </span>
          {only === summary.author.id ? (
            <Link to={withParam("author", null)}>显示全部人的修改</Link>
          ) : (
            <Link to={withParam("author", summary.author.id)}>只看{summary.author.name}的修改</Link>
          )}
          {actions?.(summary)}
        </li>
      ))}
    </ul>
  );
}

/** The text as it prints, with every change marked in its author's colour. */
export function TrackedDocument({
  blocks,
  authors,
  only,
  fonts,
}: {
  blocks: Block[];
  authors: AuthorSummary[];
  only: string | null;
  fonts?: FontSettings;
}) {
  return (
    <TrackedChanges value={{ colourOf: colourIndex(authors), only }}>
      <DocumentView blocks={blocks} fonts={fonts} />
    </TrackedChanges>
  );
}

/** Where the comparison starts: the default, any 存档稿 or any revision. */
export function BaselinePicker({
  choices,
  since,
  defaultName,
}: {
  choices: { id: string; name: string; at: string }[];
  since: string | null;
  defaultName: string;
}) {
  return (
    <Form method="get" className="inline-form baseline-picker">
      <label className="field">
        <span>比较起点</span>
        <select name="since" defaultValue={since ?? ""}>
          <option value="">默认：{defaultName}</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button">
        查看
      </button>
    </Form>
  );
}
