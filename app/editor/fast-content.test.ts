import { fc, test } from "@fast-check/vitest";
import { createHeadlessEditor } from "@lexical/headless";
import { $createListItemNode, $createListNode, type ListNode } from "@lexical/list";
import { $createHeadingNode, $createQuoteNode } from "@lexical/rich-text";
import { $createTableCellNode, $createTableNode, $createTableRowNode } from "@lexical/table";
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  type ElementFormatType,
  type ElementNode,
  type SerializedEditorState,
  type TextFormatType,
} from "lexical";
import { describe, expect, it } from "vitest";

import { checkContent, markdownToContent } from "./content.server";
import { fastTextOf } from "./fast-content";
import { EDITOR_NODES } from "./nodes";

// Random documents built with the editor's own API, so that the JSON is
// exactly what a browser would save.
type Inline = { kind: "text"; text: string; formats: TextFormatType[] } | { kind: "br" | "tab" };
type Block =
  | { kind: "p" | "quote"; inline: Inline[]; align: ElementFormatType; indent: number }
  | { kind: "h"; tag: "h1" | "h2" | "h3"; inline: Inline[] }
  | { kind: "list"; ordered: boolean; items: Inline[][]; nested: boolean }
  | { kind: "table"; rows: Inline[][][] };

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("全年计划引进过亿元项目5个", "【待填写】", "“双过半”", "3%", '"引号" \\ 反斜杠'),
);
const inline: fc.Arbitrary<Inline> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("text" as const),
      text: text.filter((t) => t.length > 0),
      formats: fc.subarray<TextFormatType>(["bold", "italic", "underline"]),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom({ kind: "br" as const }, { kind: "tab" as const }) },
);
const line = fc.array(inline, { maxLength: 5 });
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("p" as const, "quote" as const),
    inline: line,
    align: fc.constantFrom<ElementFormatType>("", "center", "right", "justify"),
    indent: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("h" as const),
    tag: fc.constantFrom("h1", "h2", "h3"),
    inline: line,
  }),
  fc.record({
    kind: fc.constant("list" as const),
    ordered: fc.boolean(),
    items: fc.array(line, { minLength: 1, maxLength: 4 }),
    nested: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("table" as const),
    rows: fc.array(fc.array(line, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  }),
);

function editor() {
  return createHeadlessEditor({
    namespace: "test",
    nodes: EDITOR_NODES,
    onError: (error) => {
      throw error;
    },
  });
}

function appendInline(parent: ElementNode, items: Inline[]) {
  for (const item of items) {
    if (item.kind === "br") parent.append($createLineBreakNode());
    else if (item.kind === "tab") parent.append($createTabNode());
    else if (item.kind === "text") {
      const node = $createTextNode(item.text);
      for (const format of item.formats) node.toggleFormat(format);
      parent.append(node);
    }
  }
}

function build(blocks: Block[]): { state: SerializedEditorState; text: string } {
  const e = editor();
  e.update(
    () => {
      const root = $getRoot();
      for (const b of blocks) {
        if (b.kind === "p" || b.kind === "quote") {
          const node = b.kind === "p" ? $createParagraphNode() : $createQuoteNode();
          node.setFormat(b.align);
          node.setIndent(b.indent);
          appendInline(node, b.inline);
          root.append(node);
        } else if (b.kind === "h") {
          const node = $createHeadingNode(b.tag);
          appendInline(node, b.inline);
          root.append(node);
        } else if (b.kind === "list") {
          const list = $createListNode(b.ordered ? "number" : "bullet");
          let last: ListNode | null = null;
          for (const items of b.items) {
            const item = $createListItemNode();
            appendInline(item, items);
            list.append(item);
            last = list;
          }
          if (b.nested && last) {
            const inner = $createListNode("bullet");
            const item = $createListItemNode();
            appendInline(item, b.items[0]!);
            inner.append(item);
            const holder = $createListItemNode();
            holder.append(inner);
            list.append(holder);
          }
          root.append(list);
        } else if (b.kind === "table") {
          const table = $createTableNode();
          b.rows.forEach((cells, r) => {
            const row = $createTableRowNode();
            for (const cell of cells) {
              const node = $createTableCellNode(r === 0 ? 1 : 0);
              const paragraph = $createParagraphNode();
              appendInline(paragraph, cell);
              node.append(paragraph);
              row.append(node);
            }
            table.append(row);
          });
          root.append(table);
        }
      }
    },
    { discrete: true },
  );
  const state = e.getEditorState();
  return { state: state.toJSON(), text: state.read(() => $getRoot().getTextContent()) };
}

describe("the fast check of saved content", () => {
  test.prop([fc.array(block, { maxLength: 8 })], { numRuns: 300 })(
    "accepts everything the editor writes, with the editor's own text and counts",
    (blocks) => {
      const { state, text: expected } = build(blocks);
      expect(fastTextOf(state, 64)).toBe(expected);
      const json = JSON.stringify(state);
      const fast = checkContent(json);
      const slow = checkContent(json, { fast: false });
      expect(fast.ok && slow.ok).toBe(true);
      if (!fast.ok || !slow.ok) return;
      // Stored as the headless editor would have stored it.
      expect(fast.content).toEqual(slow.content);
      // The autosave sends the state as JSON, not as a string: the same answer.
      const direct = checkContent(JSON.parse(json) as unknown);
      expect(direct.ok && JSON.parse(direct.json)).toEqual(slow.content);
      expect([fast.text, fast.characters, fast.placeholders]).toEqual([
        slow.text,
        slow.characters,
        slow.placeholders,
      ]);
    },
  );

  it("accepts every section template without the headless parse", () => {
    const content = markdownToContent(
      "# 一、总体要求\n\n## （一）目标\n\n正文【待填写】。\n\n1. 第一\n2. 第二",
    );
    expect(fastTextOf(content, 64)).not.toBeNull();
  });

  const good = markdownToContent("# 标题\n\n正文。");
  const paragraph = (extra: object) => ({
    root: {
      ...good.root,
      children: [{ ...good.root.children[1], ...extra }],
    },
  });
  const badInputs: [string, unknown][] = [
    [
      "an unknown node type",
      { root: { ...good.root, children: [{ type: "script", version: 1 }] } },
    ],
    ["a heading of level four", paragraph({ type: "heading", tag: "h4" })],
    [
      "text directly in the root",
      { root: { ...good.root, children: [{ type: "text", text: "x" }] } },
    ],
    ["a node that is not an object", { root: { ...good.root, children: ["x"] } }],
    ["no root", { nothing: true }],
    ["a root of another type", { root: { ...good.root, type: "paragraph" } }],
    [
      "a list holding a paragraph",
      paragraph({ type: "list", listType: "bullet", start: 1, tag: "ul" }),
    ],
    ["an element without children", paragraph({ children: undefined })],
  ];

  it.each(badInputs)("never accepts what the headless check refuses: %s", (_, input) => {
    const slow = checkContent(JSON.stringify(input), { fast: false });
    const fast = checkContent(JSON.stringify(input));
    if (!slow.ok) expect(fast).toEqual(slow);
    // What the headless editor accepts by normalising, it stores normalised.
    else expect(fast.ok && fast.content).toEqual(slow.content);
  });

  it("leaves unknown properties to the headless editor, which drops them", () => {
    const tampered = paragraph({ onclick: "alert(1)", __proto_like: { deep: true } });
    expect(fastTextOf(tampered, 64)).toBeNull();
    const check = checkContent(JSON.stringify(tampered));
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.json).not.toContain("onclick");
  });

  it("gives up beyond the depth limit instead of recursing further", () => {
    let node: Record<string, unknown> = { ...good.root.children[1] };
    for (let i = 0; i < 80; i++) {
      node = {
        type: "list",
        version: 1,
        listType: "bullet",
        start: 1,
        tag: "ul",
        direction: null,
        format: "",
        indent: 0,
        children: [
          {
            type: "listitem",
            version: 1,
            value: 1,
            direction: null,
            format: "",
            indent: 0,
            children: [node],
          },
        ],
      };
    }
    expect(fastTextOf({ root: { ...good.root, children: [node] } }, 64)).toBeNull();
  });
});
