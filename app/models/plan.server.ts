import { getDb } from "~db/client";

export interface PlanSummary {
  id: string;
  year: number;
  kind: string;
  title: string;
  state: string;
  stateLabel: string;
  updatedAt: string;
}

/** Labels for the plan states of the plan machine (DESIGN §4). */
export const PLAN_STATE_LABELS: Record<string, string> = {
  drafting: "起草中",
  compiling: "统稿中",
  mayorReview: "镇长审核中",
  partyCommitteeReview: "党委会审议中",
  amending: "按意见修改中",
  approved: "已审定",
  published: "已印发",
};

function planColumns() {
  return ["id", "year", "kind", "title", "state", "updated_at"] as const;
}

function toSummary(row: {
  id: string;
  year: number;
  kind: string;
  title: string;
  state: string;
  updated_at: string;
}): PlanSummary {
  return {
    id: row.id,
    year: row.year,
    kind: row.kind,
    title: row.title,
    state: row.state,
    stateLabel: PLAN_STATE_LABELS[row.state] ?? row.state,
    updatedAt: row.updated_at,
  };
}

/** The town's plans, newest year first. */
export async function listPlans(townId: string): Promise<PlanSummary[]> {
  const rows = await getDb()
    .selectFrom("plans")
    .select(planColumns())
    .where("town_id", "=", townId)
    .orderBy("year", "desc")
    .orderBy("kind")
    .execute();
  return rows.map(toSummary);
}

/** One plan of the town, or null (also when the id belongs to another town). */
export async function getPlan(townId: string, planId: string): Promise<PlanSummary | null> {
  const row = await getDb()
    .selectFrom("plans")
    .select(planColumns())
    .where("town_id", "=", townId)
    .where("id", "=", planId)
    .executeTakeFirst();
  return row ? toSummary(row) : null;
}
