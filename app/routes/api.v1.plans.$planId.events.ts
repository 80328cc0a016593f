import { apiUser, parse, readJson, refusal, routes } from "~/api/http.server";
import { requirePlan } from "~/api/views.server";
import { EventsPage, PlanEventBody } from "~/api/schemas";
import { applyPlanEvent, listPlanEvents } from "~/models/workflow.server";

// GET /api/v1/plans/{id}/events — the audit trail, newest first (filters: section, actor,
// event; pages: limit ≤ 500, offset; hasMore says whether older events follow).
// POST /api/v1/plans/{id}/events { type, reason?, baseVersion, sections?, documentNumber?, date? }
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
    const body = parse(PlanEventBody, await readJson(request, 64 * 1024));
    const result = await applyPlanEvent(user, params.planId ?? "", body);
    if (!result.ok) throw refusal(result.status, result.message);
    return { state: result.state, version: result.version };
  },
});
