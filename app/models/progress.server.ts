import { getDb } from "~db/client";
import { SECTION_STATES, type SectionState } from "~workflows/section";

import { formatDateKey } from "~/utils/format";

export type StateCounts = Record<SectionState, number>;

export type ProgressDay = { date: string; counts: StateCounts };

function emptyCounts(): StateCounts {
  return Object.fromEntries(SECTION_STATES.map((state) => [state, 0])) as StateCounts;
}

/**
 * Sections per state at the end of each day with workflow events (Beijing
 * time), replayed from the record: every section starts in drafting.
 */
export async function sectionStatesOverTime(
  townId: string,
  planId: string,
): Promise<ProgressDay[]> {
  const db = getDb();
  const sections = await db
    .selectFrom("sections")
    .select(["id", "created_at"])
    .where("town_id", "=", townId)
    .where("plan_id", "=", planId)
    .execute();
  const events = await db
    .selectFrom("workflow_events")
    .select(["section_id", "to_state", "created_at"])
    .where("town_id", "=", townId)
    .where("plan_id", "=", planId)
    .where("section_id", "is not", null)
    .orderBy("created_at")
    .execute();
  const current = new Map(sections.map((s) => [s.id, "drafting" as string]));
  const days: ProgressDay[] = [];
  const snapshot = (date: string) => {
    const counts = emptyCounts();
    for (const state of current.values()) if (state in counts) counts[state as SectionState] += 1;
    const last = days.at(-1);
    if (last?.date === date) last.counts = counts;
    else days.push({ date, counts });
  };
  const firstDay = sections.map((s) => s.created_at).sort()[0];
  if (firstDay) snapshot(formatDateKey(firstDay));
  for (const event of events) {
    if (event.section_id && current.has(event.section_id))
      current.set(event.section_id, event.to_state);
    snapshot(formatDateKey(event.created_at));
  }
  return days.slice(-30);
}
