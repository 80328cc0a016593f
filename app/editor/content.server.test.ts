import { execFileSync } from "node:child_process";

import { describe, expect, it } from "vitest";

import { SECTION_KINDS } from "~templates/section-kinds";
import { loadSectionTemplate } from "~templates/index";

import { checkContent, contentFacts, markdownToContent, MAX_CONTENT_BYTES } from "./content.server";

function nodeTypes(content: unknown): string[] {
  const types: string[] = [];
  const walk = (node: { type?: string; tag?: string; children?: unknown[] }) => {
    if (node.type) types.push(node.tag ? `${node.type}:${node.tag}` : node.type);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk((content as { root: typeof Object }).root as never);
  return types;
}

describe("section templates", () => {
  it.each(SECTION_KINDS)("%s parses into editor content with headings and placeholders", (kind) => {
    const template = loadSectionTemplate(kind);
    const content = markdownToContent(template.markdown);
    const types = nodeTypes(content);
    expect(types.filter((t) => t === "heading:h1")).toHaveLength(1);
    expect(types.filter((t) => t === "heading:h2").length).toBeGreaterThanOrEqual(3);
    const check = checkContent(content);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.placeholders).toBeGreaterThanOrEqual(1);
      expect(check.text).toMatch(/【[^】]+】/);
    }
  });
});

describe("content validation", () => {
  const good = markdownToContent("# 一级标题\n\n正文【待填写】。\n\n- 列表项");

  it("accepts our own content and reports text, characters and placeholders", () => {
    const check = checkContent(JSON.stringify(good));
    expect(check).toMatchObject({ ok: true, placeholders: 1 });
    if (check.ok) expect(check.characters).toBe("一级标题正文【待填写】。列表项".length);
    expect(contentFacts(JSON.stringify(good)).placeholders).toBe(1);
  });

  it("refuses an unknown node type with 422 naming it", () => {
    const tampered = structuredClone(good) as unknown as { root: { children: object[] } };
    tampered.root.children.push({ type: "youtube", version: 1, videoID: "x" });
    expect(checkContent(tampered)).toEqual({
      ok: false,
      status: 422,
      message: expect.stringContaining("youtube"),
    });
  });

  it("names the unknown node type with Lexical's production build too", () => {
    // In production Lexical throws "Minified Lexical error #17": the message
    // must not come from Lexical's text. Checked in a process that loads the
    // production bundle.
    const script = [
      'import { checkContent } from "./app/editor/content.server.ts";',
      "const content = { root: { type: 'root', version: 1, children: [",
      "  { type: 'youtube', version: 1, videoID: 'x' }] } };",
      "process.stdout.write(JSON.stringify(checkContent(content)));",
    ].join("\n");
    const output = execFileSync(
      process.execPath,
      ["--conditions=production", "--import", "tsx", "--input-type=module", "-e", script],
      { env: { ...process.env, NODE_ENV: "production" }, encoding: "utf8" },
    );
    expect(JSON.parse(output)).toEqual({
      ok: false,
      status: 422,
      message: "内容中含有本系统不支持的元素（youtube），未保存。",
    });
  });

  it("refuses content nested deeper than any real document before parsing it", () => {
    let node: object = { type: "text", text: "深", version: 1 };
    for (let depth = 0; depth < 10_000; depth++) {
      node = { type: "listitem", version: 1, children: [node] };
    }
    const deep = { root: { type: "root", version: 1, children: [node] } };
    expect(checkContent(deep)).toMatchObject({ ok: false, status: 422 });
  });

  it("drops inline styles (fonts and colours pasted from Word) but keeps bold", () => {
    const styled = structuredClone(good) as unknown as {
      root: { children: { children: { style?: string; format?: number }[] }[] };
    };
    const text = styled.root.children[1]!.children[0]!;
    text.style = "font-family: 宋体; color: red";
    text.format = 1;
    const check = checkContent(styled);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.json).not.toContain("宋体");
      expect(check.json).toContain('"format":1');
    }
  });

  it("refuses malformed JSON with 422", () => {
    expect(checkContent("{not json")).toMatchObject({ ok: false, status: 422 });
    expect(checkContent({ nothing: true })).toMatchObject({ ok: false, status: 422 });
  });

  it("refuses headings deeper than three levels", () => {
    expect(checkContent(markdownToContent("#### 四级标题"))).toMatchObject({
      ok: false,
      status: 422,
    });
  });

  it("refuses content over 2 MB with 413", () => {
    const huge = markdownToContent("字".repeat(MAX_CONTENT_BYTES / 3 + 10));
    expect(checkContent(huge)).toMatchObject({ ok: false, status: 413 });
  });
});
