// The plan's text as the document prints it, from the layout model
// (app/export/model.ts): numbered headings, list markers, tables. Shared by
// 打印预览, the 存档稿 and the version comparisons, so what is archived and
// compared looks like what is printed.
import { createContext, type CSSProperties, type ReactNode, useContext } from "react";

import type { ChangeMark } from "~/editor/attribution";
import type { DiffPart } from "~/editor/diff";
import type { DiffBlock } from "~/export/document-diff";
import { cssFontStack, DEFAULT_FONTS, type FontSettings } from "~/export/fonts";
import { markSize } from "~/export/layout";
import type { Block, DocumentBlock, ParagraphStyle, Run } from "~/export/model";
import { formatMonthDayTime } from "~/utils/format";

/**
 * How tracked changes show (修改痕迹): each person in a colour of their own,
 * and, when one person is chosen, only that person's changes (the others'
 * as if accepted).
 */
export type TrackedView = { colourOf: (authorId: string) => number; only: string | null };

const Tracked = createContext<TrackedView | null>(null);

export const TrackedChanges = Tracked.Provider;

const VERB = { insert: "插入", delete: "删除" } as const;

/** An inserted or deleted run, marked with who did it and when (hover or focus shows it). */
function ChangedRun({ change, children }: { change: ChangeMark; children: ReactNode }) {
  const view = useContext(Tracked);
  if (view?.only && view.only !== change.authorId) {
    return change.type === "insert" ? <>{children}</> : null;
  }
  const Tag = change.type === "insert" ? "ins" : "del";
  const note = `${change.author} ${formatMonthDayTime(change.at)} ${VERB[change.type]}`;
  return (
    <Tag
      className={`change author-${view?.colourOf(change.authorId) ?? 0}`}
      title={note}
      tabIndex={0}
      data-change={change.id}
    >
      {children}
    </Tag>
  );
}

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((run, i) => {
        let node: ReactNode = run.text;
        if (run.bold) node = <strong>{node}</strong>;
        if (run.italic) node = <em>{node}</em>;
        if (run.underline) node = <u>{node}</u>;
        if (run.change) node = <ChangedRun change={run.change}>{node}</ChangedRun>;
        return (
          <span key={i}>
            {run.breakBefore && <br />}
            {node}
          </span>
        );
      })}
    </>
  );
}

/** Inserted text underlined in green, deleted text struck through in red. */
function Parts({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.change === "added" ? (
          <ins key={i}>{part.text}</ins>
        ) : part.change === "removed" ? (
          <del key={i}>{part.text}</del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

function Table({
  block,
  cell,
}: {
  block: Extract<Block, { kind: "table" }>;
  cell: (r: number, c: number) => ReactNode;
}) {
  return (
    <table className="pv-table">
      <tbody>
        {block.rows.map((row, r) => (
          <tr key={r}>
            {row.map((_, c) =>
              block.headerRow && r === 0 ? (
                <th key={c} scope="col">
                  {cell(r, c)}
                </th>
              ) : (
                <td key={c}>{cell(r, c)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The page has its own h1: the document's title and headings sit below it. */
const TAGS: Partial<Record<ParagraphStyle, "h2" | "h3" | "h4" | "h5">> = {
  title: "h2",
  heading1: "h3",
  heading2: "h4",
  heading3: "h5",
};

function Paragraph({
  block,
  children,
  className = "",
}: {
  block: Extract<Block, { kind: "paragraph" }>;
  children: ReactNode;
  className?: string;
}) {
  const style: CSSProperties = {};
  if (block.align) style.textAlign = block.align;
  if (block.rightIndent !== undefined) style.paddingRight = `${block.rightIndent}em`;
  if (block.leftIndent !== undefined) style.paddingLeft = `${block.leftIndent}em`;
  const Tag = TAGS[block.style] ?? "p";
  const classes = [`pv-${block.style}`, className];
  if (block.redRuleBelow) classes.push("pv-red-rule");
  if (block.pageBreakBefore) classes.push("pv-page-break");
  return (
    <Tag className={classes.join(" ").trim()} style={style}>
      {children}
    </Tag>
  );
}

/** 发文机关标志: red, as large as the Word file sets it; joint names stacked beside 文件. */
function IssuerMark({ names }: { names: string[] }) {
  const size = `${markSize(names) / 2}pt`;
  return (
    <div className="pv-mark" style={{ fontSize: size }} data-testid="issuer-mark">
      {names.length === 1 ? (
        <span>{names[0]}文件</span>
      ) : (
        <>
          <span className="pv-mark-names">
            {names.map((name) => (
              <span key={name}>{name}</span>
            ))}
          </span>
          <span>文件</span>
        </>
      )}
    </div>
  );
}

/** 版记: 抄送, then 印发机关 and 印发日期, between rules. */
export function Colophon({ block }: { block: Extract<DocumentBlock, { kind: "colophon" }> }) {
  return (
    <div className="pv-colophon" data-testid="colophon">
      {block.copyTo && <p className="pv-copy-to">{block.copyTo}</p>}
      <p className="pv-printed">
        <span>{block.printer}</span>
        <span>{block.printedOn}</span>
      </p>
    </div>
  );
}

/** Joint bodies side by side (sealed): each centred on its tab stop. */
function CentredNames({ block }: { block: Extract<Block, { kind: "paragraph" }> }) {
  const names = (block.runs[0]?.text ?? "").split("\t").filter(Boolean);
  return (
    <p className="pv-signature pv-side-by-side">
      {names.map((name, i) => (
        <span key={i} style={{ left: `${block.centerTabs![i]}em` }}>
          {name}
        </span>
      ))}
      {"\u00a0"}
    </p>
  );
}

export function BlockView({ block }: { block: DocumentBlock }) {
  if (block.kind === "issuerMark") return <IssuerMark names={block.names} />;
  if (block.kind === "colophon") return <Colophon block={block} />;
  if (block.kind === "paragraph" && block.centerTabs) return <CentredNames block={block} />;
  if (block.kind === "table") {
    return <Table block={block} cell={(r, c) => <Runs runs={block.rows[r]![c]!} />} />;
  }
  return (
    <Paragraph block={block}>{block.runs.length ? <Runs runs={block.runs} /> : "\u00a0"}</Paragraph>
  );
}

export function Flow({ blocks }: { blocks: DocumentBlock[] }) {
  return (
    <>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </>
  );
}

export function fontVariables(fonts: FontSettings): CSSProperties {
  return {
    "--pv-title": cssFontStack(fonts.title, "serif"),
    "--pv-body": cssFontStack(fonts.body, "serif"),
    "--pv-h1": cssFontStack(fonts.heading1, "sans"),
    "--pv-h2": cssFontStack(fonts.heading2, "kai"),
    "--pv-page": cssFontStack(fonts.pageNumber, "serif"),
  } as CSSProperties;
}

/** One long sheet in the document's fonts (no page breaks), to read rather than to print. */
function OpenPage({
  fonts,
  testId,
  className = "",
  children,
}: {
  fonts: FontSettings;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={`print-preview document-view ${className}`.trim()}
      style={fontVariables(fonts)}
      data-testid={testId}
    >
      <div className="pv-page pv-page-open">
        <div className="pv-window pv-window-open">
          <div className="pv-flow">{children}</div>
        </div>
      </div>
    </div>
  );
}

/** One long page of the document (no page breaks): an archived copy to read. */
export function DocumentView({
  blocks,
  fonts = DEFAULT_FONTS,
}: {
  blocks: DocumentBlock[];
  fonts?: FontSettings;
}) {
  return (
    <OpenPage fonts={fonts} testId="document">
      <Flow blocks={blocks} />
    </OpenPage>
  );
}

const CHANGE_LABELS = { added: "新增", removed: "删除", changed: "修改", same: "" } as const;

function DiffBlockView({ item }: { item: DiffBlock }) {
  const marker = item.change === "same" ? "" : `diff-block diff-${item.change}`;
  if (item.block.kind === "table") {
    const block = item.block;
    const cells = "cells" in item ? item.cells : null;
    return (
      <div className={marker} title={CHANGE_LABELS[item.change]}>
        <Table
          block={block}
          cell={(r, c) =>
            cells ? (
              <Parts parts={cells[r]![c]!} />
            ) : item.change === "added" ? (
              <ins>
                <Runs runs={block.rows[r]![c]!} />
              </ins>
            ) : item.change === "removed" ? (
              <del>
                <Runs runs={block.rows[r]![c]!} />
              </del>
            ) : (
              <Runs runs={block.rows[r]![c]!} />
            )
          }
        />
      </div>
    );
  }
  const block = item.block;
  const content =
    "parts" in item ? (
      <Parts parts={item.parts} />
    ) : item.change === "added" ? (
      <ins>
        <Runs runs={block.runs} />
      </ins>
    ) : item.change === "removed" ? (
      <del>
        <Runs runs={block.runs} />
      </del>
    ) : (
      <Runs runs={block.runs} />
    );
  return (
    <Paragraph block={block} className={marker}>
      {content}
    </Paragraph>
  );
}

/**
 * Two versions compared inside the document's structure: headings with their
 * numbers, tables as tables, changes marked where they are.
 */
export function DocumentDiffView({
  diff,
  onlyChanges = false,
  fonts = DEFAULT_FONTS,
}: {
  diff: DiffBlock[];
  onlyChanges?: boolean;
  fonts?: FontSettings;
}) {
  const shown = onlyChanges ? diff.filter((item) => item.change !== "same") : diff;
  if (shown.length === 0) return <p className="muted">两个版本的内容相同。</p>;
  return (
    <OpenPage fonts={fonts} testId="diff" className="diff">
      {shown.map((item, i) => (
        <DiffBlockView key={i} item={item} />
      ))}
    </OpenPage>
  );
}
