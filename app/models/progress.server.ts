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
    .select(["id", "createdAt"])
    .where("townId", "=", townId)
    .where("planId", "=", planId)
    .execute();
  const events = await db
    .selectFrom("workflowEvents")
    .select(["sectionId", "toState", "createdAt"])
    .where("townId", "=", townId)
    .where("planId", "=", planId)
    .where("sectionId", "is not", null)
    .orderBy("createdAt")
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
  const firstDay = sections.map((s) => s.createdAt).sort()[0];
  if (firstDay) snapshot(formatDateKey(firstDay));
  for (const event of events) {
    if (event.sectionId && current.has(event.sectionId))
      current.set(event.sectionId, event.toState);
    snapshot(formatDateKey(event.createdAt));
  }
  return days.slice(-30);
}
