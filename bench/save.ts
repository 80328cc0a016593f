// npm run bench — CPU per autosave in process (no HTTP): saveSectionContent
// of a 20,000-character section against the baseline measured in the same
// run, JSON.parse + JSON.stringify + one SQLite write of the same bytes on
// the same kind of database file. Goal: ≤ 3×.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

import SQLite from "better-sqlite3";

import { checkContent } from "../app/editor/content.server";
import { saveSectionContent } from "../app/models/section.server";
import { createDatabase, setDbForTesting } from "../db/client";
import { recordGoal, ratio } from "./goals";
import { demoPlans, sectionBodies } from "./support";

const RUNS = Number(process.env.BENCH_SAVE_RUNS ?? 200);
const DIR = path.resolve(import.meta.dirname, "../data");
const FILE = path.join(DIR, "bench-save.db");
const BASELINE_FILE = path.join(DIR, "bench-save-baseline.db");
for (const file of [FILE, BASELINE_FILE])
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[samples.length >> 1]!;

/** Alternates the runs of each step, so that a noisy neighbour slows all alike. */
async function interleaved(steps: (() => unknown)[]): Promise<number[][]> {
  const samples = steps.map(() => [] as number[]);
  for (let run = -5; run < RUNS; run++) {
    for (const [i, step] of steps.entries()) {
      const start = performance.now();
      await step();
      if (run >= 0) samples[i]!.push(performance.now() - start);
    }
  }
  return samples;
}

const db = createDatabase({ dialect: "sqlite", filename: FILE });
setDbForTesting(db);
const { coordinator } = await demoPlans(db, [2027]);
const section = await db
  .selectFrom("sections")
  .select(["id", "version"])
  .where("kind", "=", "economy")
  .executeTakeFirstOrThrow();

const bodies = sectionBodies();
let version = section.version;
let turn = 0;
async function save() {
  // As the route gets it: the request's JSON parsed, the content an object.
  const content: unknown = JSON.parse(bodies[turn++ % 2]!);
  const result = await saveSectionContent(coordinator, section.id, content, version);
  if (result.status !== "saved") throw new Error(`save answered ${result.status}`);
  version = result.version;
}

// The baseline: the same bytes parsed, serialised and written once.
const raw = new SQLite(BASELINE_FILE);
raw.pragma("journal_mode = WAL");
raw.pragma("synchronous = NORMAL");
raw.exec("create table t (id integer primary key, content text not null)");
raw.prepare("insert into t (id, content) values (1, '')").run();
const write = raw.prepare("update t set content = ? where id = 1");
let baselineTurn = 0;
function baseline() {
  write.run(JSON.stringify(JSON.parse(bodies[baselineTurn++ % 2]!)));
}

const [baseTimes, saveTimes, fastTimes, slowTimes] = await interleaved([
  baseline,
  save,
  () => checkContent(JSON.parse(bodies[0]!)),
  () => checkContent(bodies[0]!, { fast: false }),
]);
await db.destroy();
raw.close();

const base = median(baseTimes!);
const saved = median(saveTimes!);
console.log(
  `\nAutosave in process: ${bodies[0]!.length} bytes of editor JSON, ${RUNS} runs each, medians\n`,
);
console.log("step                                              median ms   ratio");
for (const [name, samples] of [
  ["JSON.parse + stringify + 1 SQLite write (baseline)", baseTimes!],
  ["saveSectionContent (whole save)", saveTimes!],
  ["  of which parsing and the content check (fast walk)", fastTimes!],
  ["  the headless Lexical check it replaces", slowTimes!],
] as const) {
  console.log(
    `${name.padEnd(50)} ${median(samples).toFixed(2).padStart(9)} ${(median(samples) / base).toFixed(2).padStart(7)}`,
  );
}
recordGoal({
  measure: "CPU per save in process (20k chars)",
  baseline: `parse + stringify + 1 SQLite write ${base.toFixed(2)} ms`,
  result: `${saved.toFixed(2)} ms, ${ratio(saved / base)}`,
  goal: "≤ 3×",
  met: saved / base <= 3,
});
