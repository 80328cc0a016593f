/**
 * Font names of the exported document, per role. The standard (GB/T 9704)
 * names the official fonts; stock Windows lacks 仿宋_GB2312 and 方正小标宋简体,
 * so a town may choose the Windows preset or type its own names.
 */
export type FontSettings = {
  title: string;
  body: string;
  heading1: string;
  heading2: string;
  pageNumber: string;
};

export const FONT_ROLES: { key: keyof FontSettings; label: string }[] = [
  { key: "title", label: "标题（2号）" },
  { key: "body", label: "正文与三级标题（3号）" },
  { key: "heading1", label: "一级标题“一、”" },
  { key: "heading2", label: "二级标题“（一）”" },
  { key: "pageNumber", label: "页码（4号）" },
];

export const FONT_PRESETS = {
  standard: {
    label: "国家标准字体（GB/T 9704）",
    fonts: {
      title: "方正小标宋简体",
      body: "仿宋_GB2312",
      heading1: "黑体",
      heading2: "楷体_GB2312",
      pageNumber: "宋体",
    },
  },
  windows: {
    label: "Windows 常用字体",
    fonts: { title: "宋体", body: "仿宋", heading1: "黑体", heading2: "楷体", pageNumber: "宋体" },
  },
} as const satisfies Record<string, { label: string; fonts: FontSettings }>;

export type FontPreset = keyof typeof FONT_PRESETS;

export const DEFAULT_FONTS: FontSettings = FONT_PRESETS.standard.fonts;

/** Reads stored settings (JSON), falling back to the standard for anything missing or broken. */
export function fontsFromJson(json: string | null | undefined): FontSettings {
  if (!json) return { ...DEFAULT_FONTS };
  try {
    const stored = JSON.parse(json) as Partial<Record<keyof FontSettings, unknown>>;
    const fonts = { ...DEFAULT_FONTS };
    for (const { key } of FONT_ROLES) {
      const value = stored[key];
      if (typeof value === "string" && value.trim()) fonts[key] = value.trim();
    }
    return fonts;
  } catch {
    return { ...DEFAULT_FONTS };
  }
}

/** CSS font stacks for the print preview: the official name first, then what browsers have. */
export function cssFontStack(name: string, kind: "serif" | "sans" | "kai"): string {
  const fallback = {
    serif: '"FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif',
    sans: '"SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
    kai: '"KaiTi", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC", serif',
  }[kind];
  return `"${name.replace(/"/g, "")}", ${fallback}`;
}
