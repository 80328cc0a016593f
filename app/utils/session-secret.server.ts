import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const SECRET_FILE = "./data/session-secret";

/**
 * The secret that signs session cookies. In production it must come from
 * SESSION_SECRET; elsewhere one is generated on first use and kept in
 * data/session-secret, so sign-ins survive restarts without any setup.
 */
export function resolveSessionSecret(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SESSION_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (env.NODE_ENV === "production") {
    throw new Error(
      "NODE_ENV=production 时必须设置 SESSION_SECRET（至少 32 个字符的随机串，例如 `openssl rand -hex 32` 的输出）",
    );
  }
  const file = path.resolve(env.SESSION_SECRET_FILE ?? SECRET_FILE);
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, "utf8").trim();
    if (stored) return stored;
  }
  const secret = randomBytes(32).toString("hex");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
