import { describe, expect, it } from "vitest";

import { DEFAULT_SQLITE_FILE, resolveDatabaseConfig } from "./client";

describe("resolveDatabaseConfig", () => {
  it.each([
    [undefined, { dialect: "sqlite", filename: DEFAULT_SQLITE_FILE }],
    ["", { dialect: "sqlite", filename: DEFAULT_SQLITE_FILE }],
    ["file:./data/other.db", { dialect: "sqlite", filename: "./data/other.db" }],
    ["file:/var/lib/plan/plan.db", { dialect: "sqlite", filename: "/var/lib/plan/plan.db" }],
    ["file:///var/lib/plan/plan.db", { dialect: "sqlite", filename: "/var/lib/plan/plan.db" }],
    ["file::memory:", { dialect: "sqlite", filename: ":memory:" }],
    [
      "postgres://app@127.0.0.1:5432/plan",
      { dialect: "postgres", connectionString: "postgres://app@127.0.0.1:5432/plan" },
    ],
    [
      "postgresql://app:pw@db/plan",
      { dialect: "postgres", connectionString: "postgresql://app:pw@db/plan" },
    ],
  ])("%s → the right dialect", (url, expected) => {
    expect(resolveDatabaseConfig(url)).toEqual(expected);
  });

  it("refuses other schemes with a Chinese message that hides the password", () => {
    expect(() => resolveDatabaseConfig("mysql://root:secret@db/plan")).toThrow(
      /不支持的 DATABASE_URL：mysql:\/\/\*\*\*@db\/plan/,
    );
  });

  it("refuses file: without a path", () => {
    expect(() => resolveDatabaseConfig("file:")).toThrow(/缺少数据库文件路径/);
  });
});
