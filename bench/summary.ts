// npm run bench, first and last: `--clear` forgets an earlier run's goals;
// without it, prints every goal row of this run with met / NOT met.
import fs from "node:fs";

import { GOALS_FILE, type GoalRow, verdict } from "./goals";

if (process.argv.includes("--clear")) {
  fs.rmSync(GOALS_FILE, { force: true });
} else {
  const rows: GoalRow[] = fs.existsSync(GOALS_FILE)
    ? fs
        .readFileSync(GOALS_FILE, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as GoalRow)
    : [];
  const width = (key: keyof GoalRow) =>
    Math.max(...rows.map((row) => String(row[key]).length), key.length);
  const [m, b, r, g] = (["measure", "baseline", "result", "goal"] as const).map(width);
  console.log(`\n== Goals of this run (${rows.length}) ==\n`);
  console.log(
    `${"measure".padEnd(m!)} | ${"baseline".padEnd(b!)} | ${"result".padEnd(r!)} | ${"goal".padEnd(g!)} | verdict`,
  );
  for (const row of rows) {
    console.log(
      `${row.measure.padEnd(m!)} | ${row.baseline.padEnd(b!)} | ${row.result.padEnd(r!)} | ${row.goal.padEnd(g!)} | ${verdict(row.met)}`,
    );
  }
  const missed = rows.filter((row) => row.met === false).length;
  console.log(
    `\n${rows.length - missed} of ${rows.length} goals met or not measured here; ${missed} not met.`,
  );
}
