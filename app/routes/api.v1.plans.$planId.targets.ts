import { apiUser, fail, parse, readJson, refusal, routes } from "~/api/http.server";
import { requirePlan } from "~/api/views.server";
import { TargetSchema, TargetsBody } from "~/api/schemas";
import { listDepartments } from "~/models/department.server";
import { listTargets, replaceTargets } from "~/models/plan.server";
import type { SessionUser } from "~/models/user.server";
import { assertCan } from "~/policies/policy.server";

async function targetsOf(user: SessionUser, planId: string) {
  return {
    targets: (await listTargets(user.townId, planId)).map((t) => ({
      id: t.id,
      name: t.name,
      value: Number(t.value),
      unit: t.unit,
      qualifier: t.qualifier,
      baseline: t.baseline === null ? null : Number(t.baseline),
      department: t.departmentName,
    })),
  };
}

// GET /api/v1/plans/{id}/targets, PUT (coordinator) { targets: [{ name, value, unit, qualifier,
// baseline, department }], baseVersion } — 409 when the plan changed since baseVersion.
export const { loader, action } = routes({
  GET: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    return targetsOf(user, plan.id);
  },
  PUT: async ({ request, params }) => {
    const user = await apiUser(request);
    const plan = await requirePlan(user, params.planId);
    assertCan(user, "plan.edit", plan);
    const body = parse(TargetsBody, await readJson(request, 256 * 1024));
    const departments = new Map((await listDepartments(user.townId)).map((d) => [d.name, d.id]));
    const rows = body.targets.map((row, index) => {
      const departmentId = row.department ? departments.get(row.department.trim()) : null;
      if (departmentId === undefined)
        throw fail.invalid(`第 ${index + 1} 项：本镇没有“${row.department}”这个科室`);
      return parse(TargetSchema, {
        name: row.name,
        value: row.value,
        unit: row.unit,
        qualifier: row.qualifier ?? undefined,
        baseline: row.baseline ?? undefined,
        departmentId: departmentId ?? undefined,
      });
    });
    const result = await replaceTargets(user, plan.id, rows, body.baseVersion);
    if (!result.ok) throw refusal(result.status, result.message);
    return targetsOf(user, plan.id);
  },
});
