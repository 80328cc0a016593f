import { parseWithZod } from "@conform-to/zod/v4";

import { z } from "./validation";

// Server-only: the sign-in page checks nothing in the browser, so no
// validation library is sent with the cheapest page.
export const LoginSchema = z.object({
  username: z.string({ error: "请输入用户名" }).trim().min(1, "请输入用户名").max(100),
  password: z.string({ error: "请输入密码" }).min(1, "请输入密码").max(200),
  redirectTo: z.string().optional(),
});

export function parseLogin(formData: FormData) {
  return parseWithZod(formData, { schema: LoginSchema });
}
