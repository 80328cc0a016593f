/**
 * TRUST_PROXY: how the app is reached. Unset or "false": directly, and
 * X-Forwarded-* headers are ignored (anyone could send them). "true" or a
 * number of hops or a list of proxy addresses: behind that reverse proxy
 * (Express's "trust proxy" setting), whose X-Forwarded-For names the client.
 */
export function trustProxyOf(value: string | undefined): boolean | number | string {
  const setting = value?.trim() ?? "";
  if (!setting || setting === "false" || setting === "0") return false;
  if (setting === "true") return true;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting;
}

/** PUBLIC_URL's origin ("https://plan.example.gov.cn"), or null when unset. */
export function publicOriginOf(value: string | undefined): string | null {
  if (!value?.trim()) return null;
  try {
    return new URL(value.trim()).origin;
  } catch {
    throw new Error(`PUBLIC_URL 不是有效的网址：${value}`);
  }
}
