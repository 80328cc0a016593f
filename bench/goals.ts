// Every benchmark's goal rows, kept for the summary that `npm run bench`
// prints last (bench/summary.ts): one JSON line per row in data/bench-goals.jsonl.
import fs from "node:fs";
import path from "node:path";

export const GOALS_FILE = path.resolve(import.meta.dirname, "../data/bench-goals.jsonl");

export interface GoalRow {
  /** What is measured, e.g. "autosave of a 20,000-character section". */
  measure: string;
  /** The baseline measured in the same run, with its figure. */
  baseline: string;
  /** The measured figure and its ratio to the baseline, as printed. */
  result: string;
  /** The goal, e.g. "≥ 0.5". */
  goal: string;
  /** null: not measured here (the reason is in `result`). */
  met: boolean | null;
}

export function verdict(met: boolean | null): string {
  return met === null ? "not measured" : met ? "met" : "NOT met";
}

/** Prints the row now and keeps it for the summary. */
export function recordGoal(row: GoalRow): void {
  console.log(`goal: ${row.measure}: ${row.result} (goal ${row.goal}) — ${verdict(row.met)}`);
  fs.mkdirSync(path.dirname(GOALS_FILE), { recursive: true });
  fs.appendFileSync(GOALS_FILE, `${JSON.stringify(row)}\n`);
}

export const ratio = (value: number) => `${value.toFixed(2)}×`;
