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

function neighbour(text: string, from: number, step: 1 | -1): string | undefined {
  for (let i = from + step; i >= 0 && i < text.length; i += step) {
    if (text[i] !== " ") return text[i];
  }
  return undefined;
}

export function toFullWidthPunctuation(input: string): string {
  // Straight quotes around Chinese become curly ones first, so marks after them see Chinese.
  const text = input.replace(/"([^"]*)"/g, (match, inner: string) =>
    CJK.test(inner) ? `“${inner}”` : match,
  );
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    // What is already written decides (a converted ")" counts as Chinese).
    const before = out.replace(/ +$/, "").at(-1);
    const after = neighbour(text, i, 1);
    const full = FULL_WIDTH[char];
    const touchesChinese = isCjk(before) || isCjk(after);
    if (full && touchesChinese && !(/\d/.test(before ?? "") && /\d/.test(text[i + 1] ?? ""))) {
      out = out.replace(/ +$/, "") + full;
      while (text[i + 1] === " ") i++;
      continue;
    }
    // A sentence-ending full stop after Chinese.
    if (char === "." && isCjk(before) && (after === undefined || isCjk(after))) {
      out = out.replace(/ +$/, "") + "。";
      while (text[i + 1] === " ") i++;
      continue;
    }
    out += char;
  }
  return out;
}
