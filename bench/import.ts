// npm run bench (part 3) — importing a 60,000-character plan, as .docx and as
// .txt, against the baseline of reading the same file's text with the library
// alone (mammoth's extractRawText; for .txt, decoding the bytes), in the same
// run. Goals: ≤ 3× the baseline, and the preview answering in under a second.
import { performance } from "node:perf_hooks";

import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import mammoth from "mammoth";

import { decodeText } from "../app/import/decode";
import { readDocx } from "../app/import/docx.server";
import { readPlan } from "../app/import/plan-text";
import { ratio as ratioText, recordGoal } from "./goals";

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 10);

const SENTENCE = "围绕主导产业开展精准招商，推动在谈项目签约落地，全年计划引进过亿元项目5个以上。";
const PARTS = [
  "发展壮大产业经济",
  "全面推进乡村振兴",
  "提升城镇建设品质",
  "持续改善生态环境",
  "办好民生实事",
  "加强基层社会治理",
];
const NUMBERS = "一二三四五六七八九十";

/** A plan of ~60,000 characters: six parts, each with ten sub-headings and long paragraphs. */
function planLines(): { text: string; level: number }[] {
  const lines: { text: string; level: number }[] = [
    { text: "示例镇2027年工作计划", level: 0 },
    { text: "主要预期目标是：地区生产总值增长6%以上，一般公共预算收入增长5%。", level: 0 },
  ];
  PARTS.forEach((part, p) => {
    lines.push({ text: `${NUMBERS[p]}、${part}`, level: 1 });
    for (let s = 0; s < 10; s++) {
      lines.push({ text: `（${NUMBERS[s]}）重点任务${s + 1}`, level: 2 });
      lines.push({ text: SENTENCE.repeat(13), level: 0 });
      lines.push({ text: SENTENCE.repeat(12), level: 0 });
    }
  });
  return lines;
}

const lines = planLines();
const characters = lines.reduce((n, line) => n + line.text.length, 0);
const txt = new TextEncoder().encode(lines.map((line) => line.text).join("\n\n"));
const docx = new Uint8Array(
  await Packer.toBuffer(
    new Document({
      sections: [
        {
          children: lines.map((line) =>
            line.level === 0
              ? new Paragraph({ children: [new TextRun(line.text)] })
              : new Paragraph({
                  text: line.text,
                  heading: line.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
                }),
          ),
        },
      ],
    }),
  ),
);

async function interleaved(steps: (() => Promise<unknown>)[]): Promise<number[][]> {
  for (const step of steps) await step(); // warm up
  const samples = steps.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, step] of steps.entries()) {
      const begin = performance.now();
      await step();
      samples[k]!.push(performance.now() - begin);
    }
  }
  return samples.map((s) => s.sort((a, b) => a - b));
}
const median = (s: number[]) => s[Math.floor(s.length / 2)]!;

const [rawDocx, importDocx, rawTxt, importTxt] = (await interleaved([
  () => mammoth.extractRawText({ buffer: Buffer.from(docx) }),
  async () => {
    const read = await readDocx(docx);
    if (!read.ok) throw new Error(read.message);
    return readPlan(read.paragraphs);
  },
  async () => decodeText(txt),
  async () => {
    const read = decodeText(txt);
    if (!read.ok) throw new Error(read.message);
    return readPlan(read.text);
  },
])) as [number[], number[], number[], number[]];

const sections = readPlan(new TextDecoder().decode(txt)).sections.length;
console.log(
  `\nImport of a plan of ${characters} characters (${sections} sections; .docx ${docx.length} bytes), ${RUNS} runs\n`,
);
console.log("step                                          median ms   ratio");
const rows: [string, number[], number[]][] = [
  ["mammoth.extractRawText (.docx baseline)", rawDocx, rawDocx],
  ["import .docx → preview", importDocx, rawDocx],
  ["decode the .txt bytes (.txt baseline)", rawTxt, rawTxt],
  ["import .txt → preview", importTxt, rawTxt],
];
for (const [name, samples, baseline] of rows) {
  console.log(
    `${name.padEnd(45)} ${median(samples).toFixed(1).padStart(9)} ${(median(samples) / median(baseline)).toFixed(2).padStart(7)}`,
  );
}
const docxRatio = median(importDocx) / median(rawDocx);
recordGoal({
  measure: "import of a 60k-character Word file to its preview",
  baseline: `mammoth.extractRawText ${median(rawDocx).toFixed(1)} ms`,
  result: `${median(importDocx).toFixed(1)} ms, ${ratioText(docxRatio)}`,
  goal: "≤ 3× (and < 1 s)",
  met: docxRatio <= 3 && median(importDocx) < 1000 && median(importTxt) < 1000,
});
