import { describe, expect, it } from "vitest";

import { checkFormFields } from "./form-check";

describe("form fields, before any library builds objects from their names", () => {
  it("lets the app's own forms through", () => {
    const targets = Array.from({ length: 50 }, (_, i) => [
      [`targets[${i}].name`, "地区生产总值增长"],
      [`targets[${i}].value`, "6"],
    ]).flat() as [string, string][];
    expect(checkFormFields([["intent", "event"], ...targets])).toBeNull();
  });

  it("refuses an index far beyond any list (x[99999999]=1)", () => {
    expect(checkFormFields([["x[99999999]", "1"]])).toMatchObject({ status: 400 });
    expect(checkFormFields([["targets[100000].name", "x"]])).toMatchObject({ status: 400 });
    expect(checkFormFields([["targets[1000].name", "x"]])).toBeNull();
  });

  it("refuses names nested thousands of levels deep", () => {
    expect(checkFormFields([["a" + "[b]".repeat(10_000), "1"]])).toMatchObject({ status: 400 });
    expect(checkFormFields([["a" + ".b".repeat(100), "1"]])).toMatchObject({ status: 400 });
  });

  it("refuses too many fields", () => {
    const many = Array.from({ length: 1001 }, (_, i) => [`f${i}`, "x"] as [string, string]);
    expect(checkFormFields(many)).toMatchObject({ status: 413 });
  });

  it("refuses NUL and other control characters, keeps tabs and line breaks", () => {
    expect(checkFormFields([["title", "示例\u0000镇"]])).toMatchObject({ status: 422 });
    expect(checkFormFields([["na\u0000me", "x"]])).toMatchObject({ status: 422 });
    expect(checkFormFields([["reason", "一、目标偏低。\r\n二、\t项目不全。"]])).toBeNull();
  });
});
