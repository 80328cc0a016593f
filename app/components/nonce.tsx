import { createContext, useContext } from "react";

/**
 * The response's Content-Security-Policy nonce, given to the inline scripts
 * Remix writes into the page. Known only on the server; the browser keeps
 * nonces out of the DOM, so the client renders an empty one.
 */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
