// A section's measurable commitments ("计划新建森林村居9个"), found in its
// text so that the coordinator can choose which to track after 印发. The
// guess is only a proposal: the coordinator corrects name, figure and unit
// before tracking it. Pure.

/** One proposal: the sentence it came from and the figure read from it. */
export type CommitmentGuess = {
  sentence: string;
  name: string;
  value: string;
  unit: string;
  qualifier: string | null;
};

// Longest first, so that 万平方米 wins over 平方米 and 米.
const UNITS = [
  "万平方米",
  "平方米",
  "万千瓦",
  "千瓦",
  "万人次",
  "人次",
  "万亩",
  "亩",
  "公顷",
  "公里",
  "千米",
  "亿元",
  "万元",
  "万吨",
  "吨",
  "个",
  "家",
  "项",
  "户",
  "人",
  "名",
  "座",
  "所",
  "处",
  "条",
  "间",
  "台",
  "套",
  "场",
  "批",
  "期",
  "栋",
  "辆",
  "件",
  "宗",
  "%",
];

const FIGURE = new RegExp(
  `(不少于|不低于|不超过|超过|控制在)?\\s*(\\d+(?:\\.\\d+)?)\\s*(${UNITS.join("|")})(?!百分点)(以上|以内|以下|左右)?`,
  "g",
);

/** Words that lead into a figure without naming it. */
const LEADING = /^(?:全年|年内|今年|计划|力争|确保|预计|争取|累计|在|并|再|全力|持续|重点)+/;
const TRAILING = /(?:达到|达|约|共|总计|累计|以上)+$/;
/** A figure per month or week is a routine, not a year's commitment. */
const ROUTINE = /每(?:月|周|季度|季|年|天|日)/;

function qualifierOf(before: string | undefined, after: string | undefined): string | null {
  // Our targets say 以内 for a ceiling (TARGET_QUALIFIERS).
  if (after) return after === "以下" ? "以内" : after;
  if (before === "不少于" || before === "不低于" || before === "超过") return "以上";
  if (before === "不超过" || before === "控制在") return "以内";
  return null;
}

/** Sentences of a text: split at 。；！？ and line ends. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[。；;！？!?])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Every figure with a unit in the text, with a name guessed from the words before it. */
export function findCommitments(text: string, limit = 30): CommitmentGuess[] {
  const found: CommitmentGuess[] = [];
  for (const sentence of sentencesOf(text)) {
    for (const match of sentence.matchAll(FIGURE)) {
      const start = match.index ?? 0;
      // The words since the last clause break (，、：) name the figure.
      const clause =
        sentence
          .slice(0, start)
          .split(/[，,、：:；;（(]|\d+[.．、]/)
          .at(-1) ?? "";
      if (ROUTINE.test(clause)) continue;
      const name = clause
        .replace(/[“”"‘’《》]/g, "")
        .trim()
        .replace(LEADING, "")
        .replace(TRAILING, "")
        .slice(-24);
      if (name.length < 2) continue;
      found.push({
        sentence: sentence.replace(/^\d+[.．、]\s*/, "").slice(0, 200),
        name,
        value: match[2]!,
        unit: match[3]!,
        qualifier: qualifierOf(match[1], match[4]),
      });
      if (found.length >= limit) return found;
    }
  }
  return found;
}
