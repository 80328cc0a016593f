const DEFAULT_REDIRECT = "/";

/**
 * Only same-site paths are followed after sign-in: "/plans" yes,
 * "//evil.example", "/\\evil.example", "https://…" or "javascript:…" no.
 */
export function safeRedirect(to: unknown, fallback: string = DEFAULT_REDIRECT): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  if ([...to].some((ch) => ch === "\\" || ch.charCodeAt(0) < 0x20)) return fallback;
  if (to.startsWith("/login") || to.startsWith("/logout")) return fallback;
  return to;
}
