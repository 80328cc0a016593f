import { type CSSProperties, useLayoutEffect, useRef, useState } from "react";

import { cssFontStack, type FontSettings } from "~/export/fonts";
import type { Block, Run } from "~/export/model";

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((run, i) => {
        let node: React.ReactNode = run.text;
        if (run.bold) node = <strong>{node}</strong>;
        if (run.italic) node = <em>{node}</em>;
        if (run.underline) node = <u>{node}</u>;
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

function BlockView({ block }: { block: Block }) {
  if (block.kind === "table") {
    return (
      <table className="pv-table">
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) =>
                block.headerRow && r === 0 ? (
                  <th key={c}>
                    <Runs runs={cell} />
                  </th>
                ) : (
                  <td key={c}>
                    <Runs runs={cell} />
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  const style: CSSProperties = {};
  if (block.align) style.textAlign = block.align;
  if (block.rightIndent !== undefined) style.paddingRight = `${block.rightIndent}em`;
  const Tag = block.style.startsWith("heading") || block.style === "title" ? "h2" : "p";
  return (
    <Tag className={`pv-${block.style}`} style={style}>
      {block.runs.length ? <Runs runs={block.runs} /> : "\u00a0"}
    </Tag>
  );
}

function Flow({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </>
  );
}

/**
 * The plan as A4 pages. Every line is exactly one line pitch high, so a
 * page is a 22-line window onto the continuous text: page k shows it from
 * line 22k on, as Word breaks it (tables may break differently).
 */
export function PrintPreview({ blocks, fonts }: { blocks: Block[]; fonts: FontSettings }) {
  const measure = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number | null>(null);

  useLayoutEffect(() => {
    const flow = measure.current;
    if (!flow) return;
    const page = 22 * parseFloat(getComputedStyle(flow).lineHeight);
    setPages(Math.max(1, Math.ceil(flow.scrollHeight / page - 0.01)));
  }, [blocks]);

  const fontVars = {
    "--pv-title": cssFontStack(fonts.title, "serif"),
    "--pv-body": cssFontStack(fonts.body, "serif"),
    "--pv-h1": cssFontStack(fonts.heading1, "sans"),
    "--pv-h2": cssFontStack(fonts.heading2, "kai"),
    "--pv-page": cssFontStack(fonts.pageNumber, "serif"),
  } as CSSProperties;

  return (
    <div className="print-preview" style={fontVars} data-testid="print-preview">
      {pages === null ? (
        // Before measuring (and on the server): one long page, nothing hidden.
        <div className="pv-page pv-page-open">
          <div className="pv-window pv-window-open">
            <div className="pv-flow" ref={measure}>
              <Flow blocks={blocks} />
            </div>
          </div>
        </div>
      ) : (
        Array.from({ length: pages }, (_, k) => (
          <div
            key={k}
            className={`pv-page ${k % 2 === 0 ? "odd" : "even"}`}
            aria-label={`第 ${k + 1} 页`}
          >
            <div className="pv-window" aria-hidden={k > 0 || undefined}>
              <div
                className="pv-flow"
                style={{ transform: `translateY(calc(-22 * var(--pv-line) * ${k}))` }}
              >
                <Flow blocks={blocks} />
              </div>
            </div>
            <div className="pv-page-number">— {k + 1} —</div>
          </div>
        ))
      )}
    </div>
  );
}
