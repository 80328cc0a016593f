// npm run bench (part 1) — Word export of a large plan (6 sections × 5,000
// characters, 8 targets, 2 tables) against a baseline measured in the same
// run: zipping the very same XML parts with fflate. Goal: < 200 ms, ≤ 3×.
import { performance } from "node:perf_hooks";

import { unzipSync, zipSync } from "fflate";

import { exportInput, json } from "../app/export/fixtures";
import type { ExportTarget } from "../app/export/model";
import { renderPlanDocx } from "../app/export/render.server";
import { ratio as ratioText, recordGoal } from "./goals";

const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 30);

const paragraph =
  "围绕主导产业开展产业链招商，全年计划引进过亿元项目五个以上，推动在谈项目签约落地见效。";
function sectionMarkdown(n: number): string {
  const body: string[] = [`# 第${n}部分重点工作`];
  let characters = 0;
  let sub = 0;
  while (characters < 5000) {
    if (characters % 1000 < paragraph.length) body.push(`## 重点任务${++sub}`);
    body.push(paragraph.repeat(3));
    characters += paragraph.length * 3;
  }
  if (n <= 2) {
    body.push("| 项目 | 投资（亿元） | 责任单位 |\n| --- | --- | --- |");
    for (let i = 1; i <= 8; i++) body.push(`| 重点项目${i} | ${i}.5 | 经济发展办公室 |`);
  }
  return body.join("\n\n");
}

const targets: ExportTarget[] = Array.from({ length: 8 }, (_, i) => ({
  name: `预期指标${i + 1}增长`,
  value: String(5 + i),
  unit: "%",
  qualifier: "以上",
  baseline: String(4 + i),
  department: "经济发展办公室",
}));

const input = exportInput({
  targets,
  targetsAsTable: true,
  sections: Array.from({ length: 6 }, (_, i) => ({
    title: `章节${i + 1}`,
    content: json(sectionMarkdown(i + 1)),
  })),
  documentNumber: "示政发〔2027〕1号",
});

async function time(fn: () => unknown | Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

const median = (s: number[]) => s[Math.floor(s.length / 2)]!;
const p95 = (s: number[]) => s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;

const docx = await renderPlanDocx(input);
const parts = unzipSync(docx);
const characters = input.sections.reduce((n, s) => n + s.content.length, 0);

const exportTimes = await time(() => renderPlanDocx(input));
const zipTimes = await time(() => zipSync(parts, { level: 6 }));

console.log(
  `\nWord export of a large plan (${input.sections.length} sections, JSON ${characters} chars, ${docx.length} bytes), ${RUNS} runs\n`,
);
console.log("step                               median ms   p95 ms   ratio");
for (const [name, samples] of [
  ["zip the same XML (baseline)", zipTimes],
  ["renderPlanDocx", exportTimes],
] as const) {
  console.log(
    `${name.padEnd(34)} ${median(samples).toFixed(1).padStart(9)} ${p95(samples).toFixed(1).padStart(8)}   ${(median(samples) / median(zipTimes)).toFixed(2)}`,
  );
}
const ratio = median(exportTimes) / median(zipTimes);
recordGoal({
  measure: "Word export of a large plan",
  baseline: `zip of the same XML (fflate) ${median(zipTimes).toFixed(1)} ms`,
  result: `${median(exportTimes).toFixed(1)} ms, ${ratioText(ratio)}`,
  goal: "≤ 3× (and < 200 ms)",
  met: median(exportTimes) < 200 && ratio <= 3,
});
