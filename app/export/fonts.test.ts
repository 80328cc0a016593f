import { describe, expect, it } from "vitest";

import { DEFAULT_FONTS, FONT_PRESETS, fontsFromJson } from "./fonts";

describe("font settings", () => {
  it("default to the standard's fonts", () => {
    expect(fontsFromJson(null)).toEqual({
      title: "方正小标宋简体",
      body: "仿宋_GB2312",
      heading1: "黑体",
      heading2: "楷体_GB2312",
      pageNumber: "宋体",
    });
  });

  it("offer a preset with the fonts stock Windows has", () => {
    expect(Object.values(FONT_PRESETS.windows.fonts).sort()).toEqual(
      ["仿宋", "宋体", "宋体", "楷体", "黑体"].sort(),
    );
  });

  it("take a town's own names and fall back for anything missing or broken", () => {
    expect(fontsFromJson(JSON.stringify({ body: "方正仿宋_GBK", title: " " }))).toEqual({
      ...DEFAULT_FONTS,
      body: "方正仿宋_GBK",
    });
    expect(fontsFromJson("{oops")).toEqual(DEFAULT_FONTS);
  });
});
