import type { DiffRow } from "~/editor/diff";

/** Block-by-block differences; insertions green and underlined, deletions red and struck. */
export function DiffView({
  rows,
  onlyChanges = false,
}: {
  rows: DiffRow[];
  onlyChanges?: boolean;
}) {
  const shown = onlyChanges ? rows.filter((row) => row.change !== "same") : rows;
  if (shown.length === 0) return <p className="muted">两个版本的内容相同。</p>;
  return (
    <div className="diff" data-testid="diff">
      {shown.map((row, index) => (
        <p key={index} className={`diff-row diff-${row.change}`}>
          {row.parts.map((part, j) =>
            part.change === "added" ? (
              <ins key={j}>{part.text}</ins>
            ) : part.change === "removed" ? (
              <del key={j}>{part.text}</del>
            ) : (
              <span key={j}>{part.text}</span>
            ),
          )}
        </p>
      ))}
    </div>
  );
}
