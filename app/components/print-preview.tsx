import { useLayoutEffect, useRef, useState } from "react";

import type { FontSettings } from "~/export/fonts";
import type { Block } from "~/export/model";

import { Flow, fontVariables } from "./document";

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

  const fontVars = fontVariables(fonts);

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
