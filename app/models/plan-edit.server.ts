import { getDb } from "~db/client";
import { nowIso } from "~db/time";

import { can, type PolicyUser, REFUSAL_STATUS } from "~/policies/policy";

import type { Db } from "./workflow/record.server";
import { planStaleMessage } from "./workflow/stale.server";

export type EditResult =
  { ok: true; version: number } | { ok: false; status: 403 | 404 | 409 | 422; message: string };

/** Plan-level edits, each a question to the policy (the plan machine). */
export type PlanEdit = "plan.edit" | "plan.manageSections" | "plan.setExportOptions";

/**
 * Runs an edit of the plan's own texts, targets, sections or print options:
 * asks the policy, and — only if the plan is still at the version the person
 * saw — raises it and does the work in one transaction. A stale page is
 * refused with 409 and who changed the plan meanwhile; nothing is written.
 * `work` may refuse with a message (422) after looking at the data.
 */
export async function editPlan(
  user: PolicyUser & { townId: string },
  planId: string,
  baseVersion: number,
  action: PlanEdit,
  work: (db: Db) => Promise<string | void>,
  now: Date = new Date(),
): Promise<EditResult> {
  const db = getDb();
  const plan = await db
    .selectFrom("plans")
    .select(["state", "version"])
    .where("id", "=", planId)
    .where("townId", "=", user.townId)
    .executeTakeFirst();
  if (!plan) return { ok: false, status: 404, message: "该年度计划不存在，或不属于您所在的镇。" };
  const verdict = can(user, action, { state: plan.state });
  if (!verdict.ok && plan.version === baseVersion) {
    return {
      ok: false,
      status: REFUSAL_STATUS[verdict.refusal.code],
      message: verdict.refusal.message,
    };
  }
  const stale = async (): Promise<EditResult> => ({
    ok: false,
    status: 409,
    message: await planStaleMessage(user.townId, planId),
  });
  if (plan.version !== baseVersion) return stale();

  class Refused extends Error {}
  try {
    const applied = await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable("plans")
        .set((eb) => ({
          version: eb("version", "+", 1),
          updatedBy: user.id,
          updatedAt: nowIso(now),
        }))
        .where("id", "=", planId)
        .where("townId", "=", user.townId)
        .where("version", "=", baseVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      const problem = await work(trx);
      if (problem) throw new Refused(problem); // rolls the version back too
      return true;
    });
    return applied ? { ok: true, version: baseVersion + 1 } : stale();
  } catch (error) {
    if (error instanceof Refused) return { ok: false, status: 422, message: error.message };
    throw error;
  }
}
