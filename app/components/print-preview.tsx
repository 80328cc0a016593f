import { useLayoutEffect, useRef, useState } from "react";

import type { FontSettings } from "~/export/fonts";
import type { DocumentBlock } from "~/export/model";

import { Colophon, Flow, fontVariables } from "./document";

/** The flow cut where a block starts a new page (a 印发通知's attachment). */
function parts(blocks: DocumentBlock[]): DocumentBlock[][] {
  const result: DocumentBlock[][] = [[]];
  for (const block of blocks) {
    if (block.kind === "paragraph" && block.pageBreakBefore && result.at(-1)!.length) {
      result.push([]);
    }
    result.at(-1)!.push(block);
  }
  return result;
}

/**
 * The plan as A4 pages. Every line is exactly one line pitch high, so a
 * page is a 22-line window onto the continuous text: page k shows it from
 * line 22k on, as Word breaks it (tables may break differently). A part
 * after a page break starts a page of its own; a 版记 goes on the next even
 * page, at its foot, unnumbered.
 */
export function PrintPreview({ blocks, fonts }: { blocks: DocumentBlock[]; fonts: FontSettings }) {
  const measure = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number[] | null>(null);
  const colophon = blocks.find((block) => block.kind === "colophon");
  const flows = parts(colophon ? blocks.filter((block) => block !== colophon) : blocks);

  useLayoutEffect(() => {
    const open = measure.current;
    if (!open) return;
    const counts = Array.from(open.querySelectorAll<HTMLElement>(".pv-flow"), (flow) => {
      const page = 22 * parseFloat(getComputedStyle(flow).lineHeight);
      return Math.max(1, Math.ceil(flow.scrollHeight / page - 0.01));
    });
    setPages(counts);
  }, [blocks]);

  const total = pages?.reduce((sum, n) => sum + n, 0) ?? 0;
  let number = 0;

  return (
    <div className="print-preview" style={fontVariables(fonts)} data-testid="print-preview">
      {pages === null ? (
        // Before measuring (and on the server): one long page, nothing hidden.
        <div className="pv-page pv-page-open" ref={measure}>
          {flows.map((flow, i) => (
            <div className="pv-window pv-window-open" key={i}>
              <div className="pv-flow">
                <Flow blocks={flow} />
              </div>
            </div>
          ))}
        </div>
      ) : (
        <>
          {flows.flatMap((flow, part) =>
            Array.from({ length: pages[part] ?? 1 }, (_, k) => {
              number += 1;
              return (
                <div
                  key={`${part}-${k}`}
                  className={`pv-page ${number % 2 === 1 ? "odd" : "even"}`}
                  aria-label={`第 ${number} 页`}
                >
                  <div className="pv-window" aria-hidden={k > 0 || undefined}>
                    <div
                      className="pv-flow"
                      style={{ transform: `translateY(calc(-22 * var(--pv-line) * ${k}))` }}
                    >
                      <Flow blocks={flow} />
                    </div>
                  </div>
                  <div className="pv-page-number">— {number} —</div>
                </div>
              );
            }),
          )}
          {colophon?.kind === "colophon" && (
            <>
              {total % 2 === 0 && <div className="pv-page odd" aria-label="空白页" />}
              <div className="pv-page even" aria-label="版记页">
                <div className="pv-window pv-window-foot">
                  <Colophon block={colophon} />
                </div>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
