import { markdownToContent } from "../app/editor/content.server";

const PARAGRAPH =
  "围绕主导产业开展产业链招商，全年计划引进过亿元项目五个以上，推动在谈项目签约落地。";

/**
 * Two versions of a 20,000-character section (≈124 KB of editor JSON) that
 * differ in every paragraph, so that each save really changes the text.
 */
export function sectionBodies(): [string, string] {
  const body = (marker: string) =>
    JSON.stringify(
      markdownToContent(
        `# 压测章节\n\n${Array.from(
          { length: Math.ceil(20_000 / PARAGRAPH.length) },
          (_, i) => `${marker}${i}${PARAGRAPH}`,
        ).join("\n\n")}`,
      ),
    );
  return [body("甲"), body("乙")];
}
