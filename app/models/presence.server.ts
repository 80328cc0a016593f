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
    .where("town_id", "=", user.townId)
    .executeTakeFirst();
  if (!section) return null;
  if (state.leaving) {
    await db
      .deleteFrom("section_presence")
      .where("section_id", "=", sectionId)
      .where("user_id", "=", user.id)
      .execute();
  } else {
    await db
      .insertInto("section_presence")
      .values({
        section_id: sectionId,
        user_id: user.id,
        editing: state.editing ? 1 : 0,
        seen_at: nowIso(now),
      })
      .onConflict((oc) =>
        oc.columns(["section_id", "user_id"]).doUpdateSet({
          editing: state.editing ? 1 : 0,
          seen_at: nowIso(now),
        }),
      )
      .execute();
  }
  const rows = await db
    .selectFrom("section_presence")
    .innerJoin("users", "users.id", "section_presence.user_id")
    .select(["users.display_name", "section_presence.editing"])
    .where("section_presence.section_id", "=", sectionId)
    .where("section_presence.user_id", "!=", user.id)
    .where("section_presence.seen_at", ">", nowIso(new Date(now.getTime() - PRESENCE_TTL_MS)))
    .orderBy("users.display_name")
    .execute();
  return rows.map((row) => ({ name: row.display_name, editing: row.editing === 1 }));
}
