import { getDb } from "~db/client";
import { EVENT_PAST_LABELS } from "~workflows/labels";

import { formatDateKey } from "~/utils/dates";
import { formatDateTime, formatTime } from "~/utils/format";

/** "14:02" today, "2027年1月3日 14:02" on another day (Beijing time). */
export function when(at: string, now: Date = new Date()): string {
  const date = new Date(at);
  return formatDateKey(date) === formatDateKey(now) ? formatTime(date) : formatDateTime(date);
}

const REFRESH = "请刷新页面查看最新内容。";

/**
 * Why the page a person acted on is out of date, in the words the offices
 * use: "已由 张三 于 14:02 通过", or who changed the text last — whichever
 * came later.
 */
export async function staleMessage(
  townId: string,
  where: { sectionId: string } | { planId: string },
  lastEdit?: { by: string | null; at: string } | null,
): Promise<string> {
  let query = getDb()
    .selectFrom("workflowEvents")
    .innerJoin("users", "users.id", "workflowEvents.actorId")
    .select(["users.displayName", "workflowEvents.event", "workflowEvents.createdAt"])
    .where("workflowEvents.townId", "=", townId)
    .where("workflowEvents.event", "!=", "remind");
  query =
    "sectionId" in where
      ? query.where("workflowEvents.sectionId", "=", where.sectionId)
      : query
          .where("workflowEvents.planId", "=", where.planId)
          .where("workflowEvents.sectionId", "is", null);
  const last = await query.orderBy("workflowEvents.createdAt", "desc").limit(1).executeTakeFirst();
  if (lastEdit?.by && (!last || lastEdit.at > last.createdAt)) {
    return `内容已由 ${lastEdit.by} 于 ${when(lastEdit.at)} 修改，${REFRESH}`;
  }
  if (!last) return `页面内容已过期，${REFRESH}`;
  return `已由 ${last.displayName} 于 ${when(last.createdAt)} ${EVENT_PAST_LABELS[last.event]}，${REFRESH}`;
}

/** Who last changed a plan (its texts, targets or sections, or by an event), for a refused edit. */
export async function planStaleMessage(townId: string, planId: string): Promise<string> {
  const plan = await getDb()
    .selectFrom("plans")
    .leftJoin("users", "users.id", "plans.updatedBy")
    .select(["users.displayName as by", "plans.updatedAt as at"])
    .where("plans.townId", "=", townId)
    .where("plans.id", "=", planId)
    .executeTakeFirst();
  return staleMessage(townId, { planId }, plan);
}
