import type { ReactNode } from "react";
// The web-streams renderer: react-dom 18.3's Node renderer (renderToPipeableStream)
// can emit NUL bytes where a multi-byte character meets the end of its 2 KB
// buffer; this one encodes each piece whole before buffering it.
import { renderToReadableStream } from "react-dom/server.browser";

/**
 * Renders a whole document to a byte stream and resolves once everything is
 * ready (no streaming of deferred data is used), so the status code stays
 * right for error pages. `onError` hears errors after the shell.
 */
export async function renderDocument(
  element: ReactNode,
  {
    nonce,
    signal,
    onError,
  }: { nonce?: string; signal?: AbortSignal; onError?: (error: unknown) => void },
): Promise<ReadableStream<Uint8Array>> {
  const stream = await renderToReadableStream(element, { nonce, signal, onError });
  await stream.allReady;
  return stream;
}
