import { getDb } from "~db/client";
import { SECTION_KINDS, type SectionKind } from "~templates/section-kinds";

/** For each leader of the town, the section kinds they oversee by default. */
export async function listLeaderAreas(townId: string): Promise<Map<string, SectionKind[]>> {
  const rows = await getDb()
    .selectFrom("section_defaults")
    .select(["leader_id", "kind"])
    .where("town_id", "=", townId)
    .where("leader_id", "is not", null)
    .execute();
  const areas = new Map<string, SectionKind[]>();
  for (const kind of SECTION_KINDS) {
    for (const row of rows) {
      if (row.kind === kind && row.leader_id) {
        areas.set(row.leader_id, [...(areas.get(row.leader_id) ?? []), kind]);
      }
    }
  }
  return areas;
}
