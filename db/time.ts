import { randomUUID } from "node:crypto";

/** The one way times are written to the database: ISO-8601 in UTC. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

export function newId(): string {
  return randomUUID();
}
