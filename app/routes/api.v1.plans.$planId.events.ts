import { apiUser, fail, parse, readJson, refusal, routes } from "~/api/http.server";
import { requirePlan } from "~/api/views.server";
import { EventsPage } from "~/api/schemas";
import { applyPlanEvent, planEventFacts } from "~/models/workflow/plan-events.server";
import { listPlanEvents } from "~/models/workflow/record.server";
import { planEventSchema } from "~/utils/workflow-validation";

// GET /api/v1/plans/{id}/events — the audit trail, newest first (filters: section, actor,
// event; pages: limit ≤ 500, offset; hasMore says whether older events follow).
// POST /api/v1/plans/{id}/events { type, baseVersion, reason?, sections?, opinions?,
// meetingDate?, meetingNumber?, documentNumber?, date? } — checked by the same schema as the page.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    const query = new URL(request.url).searchParams;
    const { limit, offset } = parse(EventsPage, {
      limit: query.get("limit") ?? undefined,
      offset: query.get("offset") ?? undefined,
    });
    const { events, hasMore } = await listPlanEvents(
      user.townId,
      plan.id,
      {
        section: query.get("section") ?? undefined,
        actor: query.get("actor") ?? undefined,
        event: query.get("event") ?? undefined,
      },
      { limit, offset },
    );
    return {
      hasMore,
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        sectionId: e.sectionId,
        subject: e.subject,
        actor: { id: e.actorId, name: e.actorName },
        type: e.event,
        from: e.from,
        to: e.to,
        reason: e.reason,
        note: e.note,
        snapshot: e.snapshotId ? { id: e.snapshotId, name: e.snapshotName } : null,
      })),
    };
  },
  POST: async ({ request, params }) => {
    const user = await apiUser(request);
    const facts = await planEventFacts(user.townId, params.planId ?? "");
    if (!facts) throw fail.noPlan();
    const body = parse(planEventSchema(facts), await readJson(request, 64 * 1024));
    const result = await applyPlanEvent(user, params.planId ?? "", body);
    if (!result.ok) throw refusal(result.status, result.message);
    return { state: result.state, version: result.version };
  },
});
