import type { Role } from "./roles";

/** Who sends an event: just what the guards need to decide. */
export type Actor = {
  id: string;
  roles: readonly Role[];
  departmentId: string | null;
};

export function actorHas(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}
