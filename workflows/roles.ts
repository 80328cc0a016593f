/**
 * The roles a user of a town may hold (DESIGN §3). Shared by the server's
 * permission checks, the seed and (later) the workflow machines' guards.
 */
export const ROLES = ["admin", "coordinator", "drafter", "leader", "mayor", "secretary"] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "系统管理员",
  coordinator: "党政办",
  drafter: "起草人",
  leader: "分管领导",
  mayor: "镇长",
  secretary: "党委书记",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
