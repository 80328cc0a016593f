import { getDb } from "~db/client";
import { SECTION_KINDS, type SectionKind } from "~templates/section-kinds";

/** For each leader of the town, the section kinds they oversee by default. */
export async function listLeaderAreas(townId: string): Promise<Map<string, SectionKind[]>> {
  const rows = await getDb()
    .selectFrom("sectionDefaults")
    .select(["leaderId", "kind"])
    .where("townId", "=", townId)
    .where("leaderId", "is not", null)
    .execute();
  const areas = new Map<string, SectionKind[]>();
  for (const kind of SECTION_KINDS) {
    for (const row of rows) {
      if (row.kind === kind && row.leaderId) {
        areas.set(row.leaderId, [...(areas.get(row.leaderId) ?? []), kind]);
      }
    }
  }
  return areas;
}
