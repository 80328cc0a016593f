// Comment marks are a view over the text, not part of it: the editor wraps
// commented words in Lexical MarkNodes to highlight them, and every save
// unwraps them again (stored-content.ts), so stored content never depends on comments.

export const COMMENT_MARK_TAG = "comment-marks";

/** Where `quote` starts in `text`, every time (overlapping appearances count). */
function startsOf(text: string, quote: string): number[] {
  const starts: number[] = [];
  if (!quote) return starts;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) starts.push(at);
  return starts;
}

/**
 * Which appearance of `quote` in the section (0-based, counted block by block)
 * the selection starting at `offset` of block `block` is. Words that appear
 * several times are commented where they were selected, not where they first
 * appear.
 */
export function occurrenceAt(
  blocks: string[],
  block: number,
  offset: number,
  quote: string,
): number {
  const before = blocks.slice(0, block).reduce((n, text) => n + startsOf(text, quote).length, 0);
  const here = startsOf(blocks[block] ?? "", quote).filter((start) => start <= offset).length;
  return before + Math.max(0, here - 1);
}

/**
 * The block holding the `occurrence`-th appearance of `quote`, and which
 * appearance within that block it is; the first appearance when the text no
 * longer has that many; null when the quote is gone.
 */
export function findOccurrence(
  blocks: string[],
  quote: string,
  occurrence: number,
): { block: number; nth: number } | null {
  let first: { block: number; nth: number } | null = null;
  let seen = 0;
  for (let block = 0; block < blocks.length; block++) {
    const count = startsOf(blocks[block]!, quote).length;
    if (count > 0) first ??= { block, nth: 0 };
    if (occurrence < seen + count) return { block, nth: occurrence - seen };
    seen += count;
  }
  return first;
}

/**
 * Where the `nth` appearance of `quote` starts and ends within a block whose
 * text is split into `pieces` (text nodes), as [piece index, offset] pairs;
 * null when absent.
 */
export function locateQuote(
  pieces: string[],
  quote: string,
  nth = 0,
): { start: [number, number]; end: [number, number] } | null {
  const text = pieces.join("");
  const at = startsOf(text, quote)[nth] ?? -1;
  if (at < 0) return null;
  const point = (offset: number, preferEnd: boolean): [number, number] => {
    let passed = 0;
    for (let i = 0; i < pieces.length; i++) {
      const length = pieces[i]!.length;
      if (offset < passed + length || (preferEnd && offset === passed + length))
        return [i, offset - passed];
      passed += length;
    }
    return [pieces.length - 1, pieces.at(-1)?.length ?? 0];
  };
  return { start: point(at, false), end: point(at + quote.length, true) };
}
