// A section's text block by block, from its Lexical JSON (stored text or the
// parsed object): for diffs, comments, the API and the page before the editor
// starts. Apart from diff.ts so that a page showing text needs no diff library.

interface JsonNode {
  type?: string;
  text?: string;
  tag?: string;
  children?: JsonNode[];
}

const BLOCK_CONTAINERS = new Set(["list", "table", "tablerow"]);

function inlineText(node: JsonNode): string {
  if (typeof node.text === "string") return node.text;
  if (node.type === "linebreak") return "\n";
  if (node.type === "tablecell") return (node.children ?? []).map(inlineText).join("") + " | ";
  return (node.children ?? []).map(inlineText).join("");
}

/**
 * Each block's text, in order (list items and table rows count as blocks),
 * with the heading it stands under (a heading stands under itself).
 */
export function blockEntries(
  content: string | { root: object },
): { text: string; heading: string | null }[] {
  let root: JsonNode;
  try {
    root = (typeof content === "string" ? (JSON.parse(content) as { root: JsonNode }) : content)
      .root as JsonNode;
  } catch {
    return [];
  }
  const entries: { text: string; heading: string | null }[] = [];
  let heading: string | null = null;
  const visit = (node: JsonNode) => {
    if (node.type && BLOCK_CONTAINERS.has(node.type) && node.type !== "tablerow") {
      (node.children ?? []).forEach(visit);
      return;
    }
    const text = inlineText(node).replace(/ \| $/, "");
    if (node.type === "heading") heading = text;
    entries.push({ text, heading });
  };
  (root?.children ?? []).forEach(visit);
  return entries;
}

/** The text of each block, in order; list items and table rows count as blocks. */
export function blocksOf(json: string | { root: object }): string[] {
  return blockEntries(json).map((entry) => entry.text);
}
