import { expect, it } from "vitest";

import { renderDocument } from "./render-document.server";

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

it("never puts NUL bytes where Chinese text meets a buffer boundary", async () => {
  // Every offset of a 3-byte character against the renderer's 2 KB views, many times over.
  const paragraphs = Array.from({ length: 60 }, (_, i) => (
    <p key={i}>
      {"x".repeat(i % 3)}
      {"全面推进乡村振兴，建设宜居宜业和美乡镇。".repeat(12)}
      <span>（{i}）</span>
    </p>
  ));
  const html = await bytesOf(await renderDocument(<main>{paragraphs}</main>, {}));
  expect(html.length).toBeGreaterThan(40_000);
  expect(html.includes(0)).toBe(false);
  expect(html.toString("utf8").replaceAll("<!-- -->", "")).toContain("和美乡镇。<span>（59）");
});
