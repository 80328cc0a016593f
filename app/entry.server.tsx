import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";

import { NonceContext } from "~/components/nonce";
import { renderDocument } from "~/render-document.server";

const ABORT_DELAY = 5_000;

/**
 * Pages show town data to signed-in users, so nothing may be cached: after
 * sign-out the back button must not bring a page back from the browser's
 * cache. (The security headers are the server's: server/app.ts.)
 */
function noStore(headers: Headers): Headers {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
  return headers;
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  noStore(response.headers);
  return response;
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  // A render that has not finished after ABORT_DELAY gives up (and is an error).
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), ABORT_DELAY);
  let status = responseStatusCode;
  try {
    const body = await renderDocument(
      <NonceContext.Provider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceContext.Provider>,
      {
        nonce,
        signal: controller.signal,
        onError(error) {
          status = 500;
          console.error(error);
        },
      },
    );
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response(body, { headers: noStore(responseHeaders), status });
  } finally {
    // Cleared once rendered: a pending timer would keep the whole render alive for 5 s.
    clearTimeout(timeout);
  }
}
