import { getDb } from "~db/client";
import { nowIso } from "~db/time";

/** A heartbeat older than this means the person has left. */
export const PRESENCE_TTL_MS = 45_000;

export interface Present {
  name: string;
  editing: boolean;
}

/**
 * Records that `userId` has the section open (or has left) and returns the
 * others who have it open now. The section must be of the user's town.
 */
export async function heartbeat(
  user: { id: string; townId: string },
  sectionId: string,
  state: { editing: boolean; leaving: boolean },
  now: Date = new Date(),
): Promise<Present[] | null> {
  const db = getDb();
  const section = await db
    .selectFrom("sections")
    .select("id")
    .where("id", "=", sectionId)
    .where("townId", "=", user.townId)
    .executeTakeFirst();
  if (!section) return null;
  if (state.leaving) {
    await db
      .deleteFrom("sectionPresence")
      .where("sectionId", "=", sectionId)
      .where("userId", "=", user.id)
      .execute();
  } else {
    await db
      .insertInto("sectionPresence")
      .values({
        sectionId,
        userId: user.id,
        editing: state.editing ? 1 : 0,
        seenAt: nowIso(now),
      })
      .onConflict((oc) =>
        oc.columns(["sectionId", "userId"]).doUpdateSet({
          editing: state.editing ? 1 : 0,
          seenAt: nowIso(now),
        }),
      )
      .execute();
  }
  const rows = await db
    .selectFrom("sectionPresence")
    .innerJoin("users", "users.id", "sectionPresence.userId")
    .select(["users.displayName as name", "sectionPresence.editing"])
    .where("sectionPresence.sectionId", "=", sectionId)
    .where("sectionPresence.userId", "!=", user.id)
    .where("sectionPresence.seenAt", ">", nowIso(new Date(now.getTime() - PRESENCE_TTL_MS)))
    .orderBy("users.displayName")
    .execute();
  return rows.map((row) => ({ ...row, editing: row.editing === 1 }));
}
