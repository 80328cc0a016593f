import { z } from "zod";
import zhCN from "zod/v4/locales/zh-CN.js";

import { isCalendarDate } from "./dates";

// Zod's own messages in Chinese for anything a schema does not word itself.
// Only this locale: z.locales would bring every language to the browser.
z.config(zhCN());

export { z };

/** Control characters no text may hold: all but tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- finding them is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const NO_CONTROL_CHARACTERS = "不能含有无法识别的控制字符（如空字符）";

/** A trimmed, required text field with a Chinese message when missing. */
export function requiredText(label: string, max = 100) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `${label}${NO_CONTROL_CHARACTERS}`);
}

export function optionalText(label: string, max = 100) {
  return z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `${label}${NO_CONTROL_CHARACTERS}`)
    .optional()
    .transform((value) => value || null);
}

/** An optional day (YYYY-MM-DD, as the 年/月/日 field posts it): empty is null; it must exist. */
export function optionalDay(label: string) {
  return z
    .string()
    .trim()
    .nullish()
    .refine((value) => !value || isCalendarDate(value), `${label}不是有效的日期，请填写年、月、日`)
    .transform((value) => value || null);
}
