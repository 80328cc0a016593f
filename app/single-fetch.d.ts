import "@remix-run/node";

// Loaders and actions return plain objects (single fetch); see STACK-NOTES.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// What the server (server/remix.ts) gives every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce, for Remix's inline scripts. */
    cspNonce?: string;
    /** The client's address: the socket's, or the trusted proxy's X-Forwarded-For. */
    clientIp?: string | null;
  }
}
