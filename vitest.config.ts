import path from "node:path";

import { defineConfig } from "vitest/config";

const here = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "~db": path.join(here, "db"),
      "~workflows": path.join(here, "workflows"),
      "~templates": path.join(here, "templates"),
      "~": path.join(here, "app"),
    },
  },
  test: {
    include: ["{app,db,workflows,templates,scripts,server}/**/*.test.{ts,tsx}"],
    environment: "node",
    env: { SESSION_SECRET: "test-only-session-secret" },
    // In CI list every test, so the log shows the database tests ran on both dialects.
    reporters: process.env.CI ? ["verbose"] : ["default"],
    // Database tests create their own databases; argon2 hashing takes time on 2 cores.
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
