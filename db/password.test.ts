import { describe, expect, it } from "vitest";

import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores an argon2id hash, never the password, salted per hash", async () => {
    const first = await hashPassword("正确的密码123");
    const second = await hashPassword("正确的密码123");
    expect(first).toMatch(/^\$argon2id\$/);
    expect(first).not.toContain("正确的密码123");
    expect(first).not.toBe(second);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("demo1234");
    expect(await verifyPassword(stored, "demo1234")).toBe(true);
    expect(await verifyPassword(stored, "demo12345")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("treats a malformed stored hash as a failed check, not a crash", async () => {
    expect(await verifyPassword("not-a-hash", "demo1234")).toBe(false);
  });
});
