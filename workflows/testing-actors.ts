import type { Actor } from "./actor";

/** The demo town's people as the machines see them (tests only). */
export const ACTORS = {
  econ: { id: "econ", roles: ["drafter"], departmentId: "econ-office" },
  agri: { id: "agri", roles: ["drafter"], departmentId: "agri-office" },
  leader1: { id: "leader1", roles: ["leader"], departmentId: null },
  leader2: { id: "leader2", roles: ["leader"], departmentId: null },
  coordinator: { id: "coordinator", roles: ["coordinator"], departmentId: "party-office" },
  mayor: { id: "mayor", roles: ["mayor"], departmentId: null },
  secretary: { id: "secretary", roles: ["secretary"], departmentId: null },
  admin: { id: "admin", roles: ["admin"], departmentId: null },
} satisfies Record<string, Actor>;

export type ActorName = keyof typeof ACTORS;

/**
 * Reads a decision table: one row per state and event, one cell per actor in
 * `columns` order. A cell is the next state, "=" for allowed without moving,
 * or the refusal's HTTP status (403 forbidden, 409 conflict, 422 invalid).
 */
export function parseTable(text: string, columns: readonly string[]) {
  return text
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .flatMap(([state, event, ...cells]) => {
      if (cells.length !== columns.length) throw new Error(`bad row: ${state} ${event}`);
      return cells.map((expected, index) => ({
        state: state!,
        event: event!,
        actor: columns[index]!,
        expected: expected!,
      }));
    });
}

export const STATUS_OF = { forbidden: "403", conflict: "409", invalid: "422" } as const;
