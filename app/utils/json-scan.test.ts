import { describe, expect, it } from "vitest";

import { scanJson } from "./json-scan";

describe("scanning JSON before it is parsed", () => {
  it("lets ordinary editor content through", () => {
    const content = JSON.stringify({
      root: { children: [{ type: "paragraph", children: [{ text: "全年引进\t项目5个\n" }] }] },
    });
    expect(scanJson(content)).toBeNull();
  });

  it("refuses nesting deeper than the limit without recursing", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(scanJson(deep)).toBe("too deep");
    expect(scanJson("[".repeat(64) + "]".repeat(64))).toBeNull();
    expect(scanJson(`{"a":${"[".repeat(65)}${"]".repeat(65)}}`)).toBe("too deep");
  });

  it("does not count brackets inside strings", () => {
    expect(scanJson(JSON.stringify({ text: "[".repeat(500) }))).toBeNull();
    expect(scanJson(JSON.stringify({ text: 'a\\"[[[' }))).toBeNull();
  });

  it.each([
    ["an escaped NUL", '{"title":"示例\\u0000镇"}'],
    ["an escaped bell", '{"title":"\\u0007"}'],
    ["a backspace", '{"title":"\\b"}'],
    ["a raw control character", '{"title":"a\u0001b"}'],
  ])("refuses %s in a string", (_label, text) => {
    expect(scanJson(text)).toBe("control character");
  });

  it("keeps tabs, line breaks and an escaped backslash before u", () => {
    expect(scanJson('{"text":"一\\t二\\n三\\r"}')).toBeNull();
    expect(scanJson('{"path":"C:\\\\u0000"}')).toBeNull(); // a backslash, then "u0000"
  });
});
