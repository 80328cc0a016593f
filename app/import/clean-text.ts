// Text of a plan as towns publish it (a web page, a PDF, a Word file), made
// regular before its structure is read: punctuation and spaces normalised,
// web-page furniture dropped, lines broken by a PDF joined into paragraphs.

/** A paragraph of a source document, with Word's hints about it. */
export interface SourceParagraph {
  text: string;
  /** The level of a Word heading style (标题 1 / Heading 1 → 1). */
  heading?: number;
  /** Bold throughout: a heading where the document has no styles. */
  bold?: boolean;
  /** A table, row by row (the text is empty then). */
  table?: string[][];
}

/** A line left out of the plan, and why (the preview shows it). */
export interface Skipped {
  text: string;
  reason: string;
}

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const CJK_PUNCT = "，。；：、！？“”‘’（）《》【】〔〕—…";

/** Full-width digits, letters and % as their ASCII forms; odd spaces as plain ones. */
function halfWidth(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(/[\u00a0\u2002-\u200a\u202f\u205f]/g, " ")
    .replace(/[\u200b-\u200d\ufeff]/g, "");
}

/**
 * Punctuation as an official document writes it: full-width in Chinese text
 * (，；：？！（）), half-width inside numbers (1,000 and 10:30 stay), and no
 * spaces between Chinese and digits or between Chinese characters.
 */
export function normalisePunctuation(line: string): string {
  let text = halfWidth(line);
  text = text
    .replace(/,(?!\d{3}(?!\d))|(?<!\d),/g, "，")
    .replace(/;/g, "；")
    .replace(/(?<!\d):|:(?!\d)/g, "：")
    .replace(/\?/g, "？")
    .replace(/!/g, "！")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
  // Spaces next to Chinese text or its punctuation go; between two ASCII words they stay.
  const wide = `[${CJK}${CJK_PUNCT}]`;
  text = text
    .replace(new RegExp(`(${wide})[ \\t\\u3000]+`, "g"), "$1")
    .replace(new RegExp(`[ \\t\\u3000]+(?=${wide})`, "g"), "");
  return text.trim();
}

/** Lines of a published web page that are not the plan (only before the title, or on their own). */
const FURNITURE = [
  /^(索引号|主题分类|发布机构|成文时间|成文日期|文号|发文时间|发布时间|发布日期|标题|效力状态|有效性|来源|作者|时间|日期|浏览次数|阅读次数|点击数|字号|信息来源|所属机构|公开方式|公开范围|体裁分类)：/,
  /^(来源|时间|作者|发布时间)：.*(时间|来源|浏览)/,
  /本文档由用户上传|客服|下载本文档|文档贡献者|分享到|打印本页|关闭窗口|【?字体：|扫一扫|收藏本文/,
];

/** Whether a line is a title of a plan or a summary: "张汪镇2024年经济工作要点". */
export function titleOf(line: string): { year: number } | null {
  if (line.length > 40 || /[。；，]/.test(line)) return null;
  const found = /(20\d\d)年.*(计划|要点|思路|安排|总结)/.exec(line);
  return found ? { year: Number(found[1]) } : null;
}

/** Sentence ends: a line that ends with one of these ends its paragraph. */
const ENDS = /[。！？；：…”’）」』]$/;

/** The numbering a heading starts with, at any of the four levels. */
export const MARKER =
  /^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d{1,2}[.、](?!\d)|（\d{1,2}）)/;

export interface CleanText {
  title: string | null;
  year: number | null;
  /** One paragraph each, in order, the title left out. */
  paragraphs: SourceParagraph[];
  skipped: Skipped[];
}

const isFurniture = (text: string) => FURNITURE.some((rule) => rule.test(text));

/**
 * The plan's paragraphs: furniture before the title and on its own lines
 * dropped, each line normalised, and, for plain text (`join`), lines a PDF
 * broke mid-sentence joined (a line without a sentence end continues on the
 * next, unless the next starts with a heading number or a blank line comes
 * between). A Word file's paragraphs are paragraphs already.
 */
function clean(source: SourceParagraph[], join: boolean): CleanText {
  const lines = source.map((p) => ({
    ...p,
    text: normalisePunctuation(p.text.replace(/^\s*[•·●▪◆■]\s*/, "")),
  }));
  const skipped: Skipped[] = [];
  const titleAt = lines.findIndex((line) => titleOf(line.text) && !isFurniture(line.text));
  const title = titleAt >= 0 ? lines[titleAt]!.text : null;
  for (const line of lines.slice(0, Math.max(titleAt, 0))) {
    if (line.text) skipped.push({ text: line.text, reason: "标题前的网页信息" });
    if (line.table) skipped.push({ text: "（表格）", reason: "标题前的表格" });
  }
  const paragraphs: SourceParagraph[] = [];
  let open = false; // the last paragraph may continue on the next line
  for (const line of lines.slice(titleAt + 1)) {
    if (line.table) {
      paragraphs.push(line);
      open = false;
      continue;
    }
    if (!line.text) {
      open = false;
      continue;
    }
    if (isFurniture(line.text)) {
      skipped.push({ text: line.text, reason: "网页信息" });
      continue;
    }
    const last = paragraphs.at(-1);
    if (join && open && last && !MARKER.test(line.text)) last.text += line.text;
    else paragraphs.push({ ...line });
    const text = paragraphs.at(-1)!.text;
    // A short numbered line with no sentence in it is a heading on its own line.
    const heading = MARKER.test(text) && text.length <= 40 && !/[。！？]/.test(text);
    open = !ENDS.test(text) && !heading;
  }
  return { title, year: title ? titleOf(title)!.year : null, paragraphs, skipped };
}

/** Plain text (a .txt file, or pasted): lines joined into paragraphs. */
export function cleanText(raw: string): CleanText {
  const lines = raw.replace(/\r\n?/g, "\n").split("\n");
  return clean(
    lines.map((text) => ({ text })),
    true,
  );
}

/** A Word file's paragraphs, with their hints. */
export function cleanParagraphs(source: SourceParagraph[]): CleanText {
  return clean(source, false);
}
