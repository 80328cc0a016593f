import { createHeadlessEditor } from "@lexical/headless";
import { $createHeadingNode, HeadingNode } from "@lexical/rich-text";
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isParagraphNode,
  $isRangeSelection,
  type ElementNode,
} from "lexical";
import { describe, expect, it } from "vitest";

import { $looksLikeHeading, $stripHeadingNumber, levelOfTypedNumber } from "./heading-numbers";
import { EDITOR_NODES } from "./nodes";

function editorWithTransform() {
  const editor = createHeadlessEditor({
    nodes: EDITOR_NODES,
    onError: (e) => {
      throw e;
    },
  });
  editor.registerNodeTransform(HeadingNode, $stripHeadingNumber);
  return editor;
}

function texts(editor: ReturnType<typeof editorWithTransform>) {
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((block) => `${block.getType()}:${block.getTextContent()}`),
  );
}

describe("numbers typed at a heading's start", () => {
  it.each([
    ["（六）抓好财税工作", "抓好财税工作"],
    ["(六) 抓好财税工作", "抓好财税工作"],
    ["一、聚力加快动能转换", "聚力加快动能转换"],
    ["3. 强化要素保障", "强化要素保障"],
    ["（1）项目建设", "项目建设"],
    ["2027年重点工作", "2027年重点工作"],
  ])("%s keeps only %s", (typed, kept) => {
    const editor = editorWithTransform();
    editor.update(
      () => {
        const heading = $createHeadingNode("h2");
        heading.append($createTextNode(typed));
        $getRoot().append(heading);
      },
      { discrete: true },
    );
    expect(texts(editor)).toEqual([`heading:${kept}`]);
  });

  it("drops the number when a paragraph becomes a heading, and keeps the caret in place", () => {
    const editor = editorWithTransform();
    editor.update(
      () => {
        const paragraph = $createParagraphNode();
        const text = $createTextNode("（二）优化营商环境");
        paragraph.append(text);
        $getRoot().append(paragraph);
        text.select(9, 9); // after 营商环境
      },
      { discrete: true },
    );
    editor.update(
      () => {
        const paragraph = $getRoot().getFirstChild() as ElementNode;
        const heading = $createHeadingNode("h2");
        paragraph.replace(heading, true);
      },
      { discrete: true },
    );
    expect(texts(editor)).toEqual(["heading:优化营商环境"]);
    const caret = editor.getEditorState().read(() => {
      const selection = $getSelection();
      return $isRangeSelection(selection) ? selection.anchor.offset : null;
    });
    expect(caret).toBe(6); // still after 营商环境
  });
});

describe("a bold short line pasted from Word", () => {
  function paragraphOf(runs: { text: string; bold: boolean }[]) {
    const editor = createHeadlessEditor({
      nodes: EDITOR_NODES,
      onError: (e) => {
        throw e;
      },
    });
    let looks = false;
    editor.update(
      () => {
        const paragraph = $createParagraphNode();
        for (const run of runs) {
          const text = $createTextNode(run.text);
          if (run.bold) text.toggleFormat("bold");
          paragraph.append(text);
        }
        $getRoot().append(paragraph);
        looks = $isParagraphNode(paragraph) && $looksLikeHeading(paragraph);
      },
      { discrete: true },
    );
    return looks;
  }

  it("is offered as a heading, at the level its typed number suggests", () => {
    expect(paragraphOf([{ text: "（三）抓好安全生产", bold: true }])).toBe(true);
    expect(levelOfTypedNumber("（三）抓好安全生产")).toBe("h2");
    expect(levelOfTypedNumber("三、抓好安全生产")).toBe("h1");
    expect(levelOfTypedNumber("3.抓好安全生产")).toBe("h3");
    expect(levelOfTypedNumber("抓好安全生产")).toBeNull();
  });

  it("is not offered for body text, partly bold text or long lines", () => {
    expect(paragraphOf([{ text: "全面抓好安全生产。", bold: false }])).toBe(false);
    expect(
      paragraphOf([
        { text: "一是", bold: true },
        { text: "抓好安全生产。", bold: false },
      ]),
    ).toBe(false);
    expect(paragraphOf([{ text: "抓".repeat(41), bold: true }])).toBe(false);
  });
});
