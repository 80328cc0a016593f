// A plan carried over from last year must not carry last year's words into
// the new one unnoticed: what names last year becomes 【】 again, which the
// coordinator has to fill before the plan can go on (DESIGN §4).

const PLACEHOLDER = /【[^【】\n]*】/g;

/** Applies `change` to the text outside 【…】 only, so placeholders are never nested. */
function outsidePlaceholders(text: string, change: (part: string) => string): string {
  let result = "";
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    result += change(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + change(text.slice(last));
}

/**
 * "2026年是……之年。" becomes "【2027年是……】" (the year's character must be
 * written anew), and any other mention of the old plan's year or the year
 * before it becomes "【2026年】" to be checked.
 */
export function markYearPhrases(text: string, previousYear: number, year: number): string {
  const years = `(?:${previousYear - 1}|${previousYear})`;
  const characterOfYear = new RegExp(`${years}年是[^。！？!?【】\\n]*[。！？!?]?`, "g");
  const mention = new RegExp(`${years}年`, "g");
  const once = outsidePlaceholders(text, (part) =>
    part.replace(characterOfYear, `【${year}年是……】`),
  );
  return outsidePlaceholders(once, (part) => part.replace(mention, (found) => `【${found}】`));
}

type JsonNode = { type?: string; text?: string; children?: JsonNode[] };

/** The same, in every text of stored editor content (JSON). */
export function markYearPhrasesInContent(json: string, previousYear: number, year: number): string {
  const state = JSON.parse(json) as { root: JsonNode };
  const walk = (node: JsonNode) => {
    if (node.type === "text" && typeof node.text === "string") {
      node.text = markYearPhrases(node.text, previousYear, year);
    }
    node.children?.forEach(walk);
  };
  walk(state.root);
  return JSON.stringify(state);
}
