import { describe, expect, it } from "vitest";

import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it.each(["/plans", "/plans/abc?tab=sections", "/admin/users#top"])("follows %s", (to) => {
    expect(safeRedirect(to)).toBe(to);
  });

  it.each([
    "//evil.example/",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "plans",
    "/login",
    "/logout",
    "/ok\nSet-Cookie:x",
    "",
    null,
    undefined,
    42,
  ])("refuses %j and goes home", (to) => {
    expect(safeRedirect(to)).toBe("/");
  });
});
