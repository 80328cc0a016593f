import { getDb } from "~db/client";
import { nowIso } from "~db/time";
import { snapshotKindOf } from "~workflows/labels";

import { decideSection, type PolicyUser, REFUSAL_STATUS } from "~/policies/policy";
import type { SectionEventInput } from "~/utils/workflow-validation";

import { getSection } from "../section.server";
import { recordEvent } from "./record.server";
import { staleMessage } from "./stale.server";

export type ApplyResult =
  | { ok: true; state: string; version: number }
  | { ok: false; status: 403 | 404 | 409 | 422; message: string };

export const MISSING: ApplyResult = {
  ok: false,
  status: 404,
  message: "该章节或计划不存在，或不属于您所在的镇。",
};

/** A refusal of the policy as a result. */
export function refusedBy(verdict: {
  refusal: { code: keyof typeof REFUSAL_STATUS; message: string };
}): ApplyResult {
  return {
    ok: false,
    status: REFUSAL_STATUS[verdict.refusal.code],
    message: verdict.refusal.message,
  };
}

/**
 * Applies a person's event to a section: asks the policy (the section
 * machine), and in one transaction writes the new state, the event and a
 * copy of the text. The version the person saw must still be current, so a
 * double click or a stale page makes exactly one transition.
 */
export async function applySectionEvent(
  user: PolicyUser & { townId: string },
  sectionId: string,
  input: SectionEventInput,
  now: Date = new Date(),
): Promise<ApplyResult> {
  const section = await getSection(user.townId, sectionId);
  if (!section) return MISSING;
  const verdict = decideSection(user, input.type, section);
  if (section.version !== input.baseVersion) {
    // A page that is out of date hears what happened meanwhile, whoever they are: a
    // double click must not read as "not yours".
    const lastSave = { by: section.updatedByName, at: section.updatedAt };
    return {
      ok: false,
      status: 409,
      message: await staleMessage(user.townId, { sectionId }, lastSave),
    };
  }
  if (!verdict.ok) return refusedBy(verdict);
  const next = verdict.state;

  const at = nowIso(now);
  const changesState = next !== section.state;
  const applied = await getDb()
    .transaction()
    .execute(async (trx) => {
      if (changesState) {
        const result = await trx
          .updateTable("sections")
          .set((eb) => ({
            state: next,
            submittedBy: verdict.context.submittedBy,
            version: eb("version", "+", 1),
          }))
          .where("id", "=", sectionId)
          .where("townId", "=", user.townId)
          .where("version", "=", input.baseVersion)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
      }
      const kind = snapshotKindOf(input.type, { section: section.state });
      await recordEvent(trx, {
        townId: user.townId,
        planId: section.planId,
        sectionId,
        subject: section.title,
        actorId: user.id,
        event: input.type,
        from: section.state,
        to: next,
        reason: input.type === "return" ? input.reason : null,
        snapshot: kind ? { kind, content: section.content } : null,
        at,
      });
      return true;
    });
  if (!applied) {
    return { ok: false, status: 409, message: await staleMessage(user.townId, { sectionId }) };
  }
  return {
    ok: true,
    state: next,
    version: changesState ? input.baseVersion + 1 : input.baseVersion,
  };
}
