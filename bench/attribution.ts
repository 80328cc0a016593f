// npm run bench (part 2) — 痕迹保留: attributing every change of a 20,000-character
// section across 50 revisions by 4 people, against the baseline of one
// character diff (jsdiff's diffChars) of the first and last text, in the same
// run. Goals: ≤ 5× the baseline, and under one frame (16.7 ms) per revision.
import { performance } from "node:perf_hooks";

import { diffChars } from "diff";

import { attribute, plainText, type Revision } from "../app/editor/attribution";
import { json } from "../app/export/fixtures";
import { ratio as ratioText, recordGoal } from "./goals";

const RUNS = Number(process.env.BENCH_ATTRIBUTION_RUNS ?? 30);
const REVISIONS = 50;
const PEOPLE = ["王强", "张建国", "李静", "刘镇长"].map((name, i) => ({ id: `u${i}`, name }));

const SENTENCES = [
  "围绕主导产业开展产业链招商，全年计划引进过亿元项目五个以上。",
  "推动在谈项目签约落地，确保新开工项目按期建设。",
  "加强要素保障，做好用地、用能和融资服务。",
  "持续优化营商环境，推行帮办代办服务。",
  "抓好规上企业培育，新增规上工业企业三家。",
];

/** A section of ~20,000 characters: headings, paragraphs of several sentences, one table. */
function paragraphs(): string[] {
  const blocks: string[] = [];
  let characters = 0;
  for (let i = 0; characters < 20_000; i++) {
    if (i % 8 === 0) blocks.push(`## 重点任务${i / 8 + 1}`);
    const text = Array.from({ length: 6 }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]).join(
      "",
    );
    blocks.push(text);
    characters += text.length;
  }
  blocks.splice(
    5,
    0,
    "| 项目 | 投资（亿元） | 责任单位 |\n| --- | --- | --- |\n| 重点项目一 | 5 | 经济发展办公室 |\n| 重点项目二 | 3 | 农业农村办公室 |",
  );
  return blocks;
}

/** Deterministic edits, one revision each: insert, delete, replace inside sentences, split, join. */
function revisions(start: string[]): { baseline: string; revisions: Revision[]; last: string } {
  let blocks = [...start];
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const out: Revision[] = [];
  for (let r = 0; r < REVISIONS; r++) {
    blocks = [...blocks];
    const i = 1 + random(blocks.length - 1);
    const block = blocks[i]!;
    if (block.startsWith("|") || block.startsWith("#")) {
      blocks[i] = block.replace("重点", "重要");
    } else {
      const at = random(block.length);
      switch (r % 5) {
        case 0: // insert words inside a sentence
          blocks[i] = `${block.slice(0, at)}进一步${block.slice(at)}`;
          break;
        case 1: // delete a few characters
          blocks[i] = block.slice(0, at) + block.slice(at + 6);
          break;
        case 2: // replace a figure
          blocks[i] = block.replace("五个", `${r}个`).replace("三家", `${r}家`);
          break;
        case 3: {
          // split a paragraph at a sentence end
          const end = block.indexOf("。", at) + 1 || block.length;
          blocks.splice(i, 1, block.slice(0, end), block.slice(end) || "新增一段。");
          break;
        }
        case 4: // join with the next paragraph
          if (i + 1 < blocks.length && !/^[|#]/.test(blocks[i + 1]!)) {
            blocks.splice(i, 2, block + blocks[i + 1]!);
          } else blocks[i] = `${block}另行研究。`;
          break;
      }
    }
    out.push({
      content: json(blocks.join("\n\n")),
      author: PEOPLE[r % PEOPLE.length]!,
      at: new Date(Date.UTC(2027, 0, 1, 8, r)).toISOString(),
    });
  }
  return { baseline: json(start.join("\n\n")), revisions: out, last: out.at(-1)!.content };
}

const start = paragraphs();
const { baseline, revisions: chain, last } = revisions(start);
const first = plainText(baseline);
const final = plainText(last);

/** Runs the steps in turn, RUNS times, so that a machine's drift hits them all alike. */
function interleaved(steps: (() => unknown)[]): number[][] {
  for (let i = 0; i < 2; i++) steps.forEach((step) => step()); // warm up
  const samples = steps.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    steps.forEach((step, k) => {
      const begin = performance.now();
      step();
      samples[k]!.push(performance.now() - begin);
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b));
}
const median = (s: number[]) => s[Math.floor(s.length / 2)]!;

const [diffTimes, parseTimes, attributeTimes] = interleaved([
  () => diffChars(first, final),
  () => chain.forEach((revision) => JSON.parse(revision.content)),
  () => attribute(baseline, chain),
]) as [number[], number[], number[]];
const tracked = attribute(baseline, chain);

// A hard case: every sentence of the text changed in one revision (too many edits for one character diff).
const rewrite = [
  {
    content: json(
      start.map((block) => block.replaceAll("。", "！").replaceAll("项目", "工程")).join("\n\n"),
    ),
    author: PEOPLE[0]!,
    at: "2027-02-01T08:00:00.000Z",
  },
];
const [rewriteTimes] = interleaved([() => attribute(baseline, rewrite)]) as [number[]];

console.log(
  `\n痕迹保留: a section of ${first.length} characters, ${REVISIONS} revisions by ${PEOPLE.length} people → ${tracked.changes.length} changes, ${RUNS} runs\n`,
);
console.log("step                                          median ms   ratio   per revision");
for (const [name, samples] of [
  ["diffChars(first, last) once (baseline)", diffTimes],
  ["JSON.parse of the 50 revisions alone", parseTimes],
  ["attribute(baseline, 50 revisions)", attributeTimes],
] as const) {
  console.log(
    `${name.padEnd(45)} ${median(samples).toFixed(1).padStart(9)} ${(median(samples) / median(diffTimes)).toFixed(2).padStart(7)}   ${(median(samples) / REVISIONS).toFixed(2).padStart(8)} ms`,
  );
}
console.log(
  `${"one revision changing every sentence".padEnd(45)} ${median(rewriteTimes!).toFixed(1).padStart(9)} ${(median(rewriteTimes!) / median(diffTimes)).toFixed(2).padStart(7)}`,
);
const ratio = median(attributeTimes) / median(diffTimes);
const perRevision = median(attributeTimes) / REVISIONS;
recordGoal({
  measure: "tracked changes of 50 revisions (20k chars)",
  baseline: `diffChars(first, last) ${median(diffTimes).toFixed(1)} ms`,
  result: `${ratioText(ratio)}, ${perRevision.toFixed(2)} ms per revision`,
  goal: "≤ 5× (and < 16.7 ms per revision)",
  met: ratio <= 5 && perRevision < 16.7,
});
