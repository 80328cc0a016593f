import { ROLES } from "~workflows/roles";

import { optionalText, requiredText, z } from "./validation";

export const MIN_PASSWORD_LENGTH = 8;

export const UsernameSchema = z
  .string({ error: "请填写用户名" })
  .trim()
  .toLowerCase()
  .min(3, "用户名至少 3 个字符")
  .max(32, "用户名不能超过 32 个字符")
  .regex(/^[a-z][a-z0-9_.-]*$/, "用户名只能由小写字母、数字、下划线、点和短横线组成，并以字母开头");

export const PasswordSchema = z
  .string({ error: "请填写密码" })
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 位`)
  .max(128, "密码不能超过 128 位");

/** The fields an administrator sets on any user, new or existing. */
export const UserFieldsSchema = z.object({
  displayName: requiredText("姓名", 30),
  title: optionalText("职务", 30),
  departmentId: z
    .string()
    .optional()
    .transform((value) => value || null),
  // The form sends an empty "roles" beside the checkboxes so that "none
  // ticked" still reaches validation (an unticked box sends nothing); Conform
  // turns that empty value into undefined, which is dropped here.
  roles: z
    .array(z.string().optional())
    .optional()
    .transform((values = []) => values.filter((value): value is string => Boolean(value)))
    .pipe(z.array(z.enum(ROLES, { error: "角色无效" })).min(1, "请至少选择一个角色")),
});
