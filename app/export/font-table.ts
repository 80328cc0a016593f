// word/fontTable.xml naming every font the document uses, so that a reader
// without the font picks a Chinese one of the same kind (charset 86 =
// GB2312, family roman = serif: 宋/仿宋/楷; swiss = sans: 黑体) instead of a
// Latin default. docx writes the table empty.
import type { FontSettings } from "./fonts";

/** The font installed under another name on most machines (the GB2312 names are older). */
const ALT_NAMES: Record<string, string> = {
  仿宋_GB2312: "仿宋",
  楷体_GB2312: "楷体",
  FangSong_GB2312: "FangSong",
  KaiTi_GB2312: "KaiTi",
};

const SANS = /黑|Hei|雅黑|YaHei|Sans|等线/i;

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function fontTableXml(fonts: FontSettings): string {
  const names = [...new Set(Object.values(fonts))];
  const entries = names.map((name) => {
    const alt = ALT_NAMES[name];
    return (
      `<w:font w:name="${escape(name)}">` +
      (alt ? `<w:altName w:val="${escape(alt)}"/>` : "") +
      `<w:charset w:val="86"/><w:family w:val="${SANS.test(name) ? "swiss" : "roman"}"/>` +
      `<w:pitch w:val="variable"/></w:font>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
    entries.join("") +
    `</w:fonts>`
  );
}
