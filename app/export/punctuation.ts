// Web forms bring ASCII punctuation into Chinese text; the printed document
// uses full-width marks. Only marks touching Chinese are changed, so that
// "6.5%", "1,000", "12:30" and Latin names keep theirs.

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’]/;

const FULL_WIDTH: Record<string, string> = {
  ",": "，",
  ";": "；",
  ":": "：",
  "!": "！",
  "?": "？",
  "(": "（",
  ")": "）",
};

function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

function nextNonSpace(text: string, from: number): string | undefined {
  for (let i = from + 1; i < text.length; i++) if (text[i] !== " ") return text[i];
  return undefined;
}

const ASCII_MARKS = /[,;:!?().]/;

export function toFullWidthPunctuation(input: string): string {
  // Straight quotes around Chinese become curly ones first, so marks after them see Chinese.
  const text = input.includes('"')
    ? input.replace(/"([^"]*)"/g, (match, inner: string) =>
        CJK.test(inner) ? `“${inner}”` : match,
      )
    : input;
  if (!ASCII_MARKS.test(text)) return text;
  let out = "";
  // What is already written decides (a converted ")" counts as Chinese).
  let before: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const after = nextNonSpace(text, i);
    const full =
      FULL_WIDTH[char] &&
      (isCjk(before) || isCjk(after)) &&
      !(/\d/.test(before ?? "") && /\d/.test(text[i + 1] ?? ""))
        ? FULL_WIDTH[char]
        : // A sentence-ending full stop after Chinese.
          char === "." && isCjk(before) && (after === undefined || isCjk(after))
          ? "。"
          : undefined;
    if (full) {
      out = out.trimEnd() + full;
      before = full;
      while (text[i + 1] === " ") i++;
      continue;
    }
    out += char;
    if (char !== " ") before = char;
  }
  return out;
}
