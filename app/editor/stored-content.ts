// The browser editor shows the text with a few nodes of its own: comment
// marks highlight commented words, and headings render one level below the
// page's h1. What is stored knows none of them: every save maps them back.

type JsonNode = { type?: string; children?: JsonNode[]; [key: string]: unknown };

/** Editor-only node types that stand for a stored type. */
const STORED_TYPE: Record<string, string> = { "page-heading": "heading" };

function toStored(nodes: JsonNode[]): JsonNode[] {
  return nodes.flatMap((node) => {
    const children = node.children ? toStored(node.children) : undefined;
    if (node.type === "mark") return children ?? [];
    const type = node.type && STORED_TYPE[node.type];
    const stored = type ? { ...node, type } : node;
    return [children ? { ...stored, children } : stored];
  });
}

/** The editor state's JSON as stored: marks unwrapped, editor-only nodes renamed. */
export function storedContent<T extends { root: object }>(state: T): T {
  const root = state.root as JsonNode;
  return { ...state, root: { ...root, children: toStored(root.children ?? []) } };
}
