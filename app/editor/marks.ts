// Comment marks are a view over the text, not part of it: the editor wraps
// commented words in Lexical MarkNodes to highlight them, and every save
// unwraps them again, so that stored content never depends on comments.

export const COMMENT_MARK_TAG = "comment-marks";

type JsonNode = { type?: string; children?: JsonNode[]; [key: string]: unknown };

function unwrap(nodes: JsonNode[]): JsonNode[] {
  return nodes.flatMap((node) => {
    const children = node.children ? unwrap(node.children) : undefined;
    if (node.type === "mark") return children ?? [];
    return [children ? { ...node, children } : node];
  });
}

/** The editor state's JSON with every mark replaced by the text it wraps. */
export function withoutMarks<T extends { root: object }>(state: T): T {
  const root = state.root as JsonNode;
  return { ...state, root: { ...root, children: unwrap(root.children ?? []) } };
}

/**
 * Where `quote` starts and ends within a block whose text is split into
 * `pieces` (text nodes), as [piece index, offset] pairs; null when absent.
 */
export function locateQuote(
  pieces: string[],
  quote: string,
): { start: [number, number]; end: [number, number] } | null {
  const text = pieces.join("");
  const at = quote ? text.indexOf(quote) : -1;
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
