import { z } from "zod";

// Zod's own messages in Chinese for anything a schema does not word itself.
z.config(z.locales.zhCN());

export { z };

/** A trimmed, required text field with a Chinese message when missing. */
export function requiredText(label: string, max = 100) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);
}

export function optionalText(label: string, max = 100) {
  return z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .optional()
    .transform((value) => value || null);
}
