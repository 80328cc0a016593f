import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";

export interface DepartmentItem {
  id: string;
  name: string;
  sortOrder: number;
  userCount: number;
}

export async function listDepartments(townId: string): Promise<DepartmentItem[]> {
  const rows = await getDb()
    .selectFrom("departments")
    .leftJoin("users", "users.departmentId", "departments.id")
    .select((eb) => [
      "departments.id",
      "departments.name",
      "departments.sortOrder",
      // A string on PostgreSQL, hence Number() below.
      eb.fn.count<number | string>("users.id").as("userCount"),
    ])
    .where("departments.townId", "=", townId)
    .groupBy(["departments.id", "departments.name", "departments.sortOrder"])
    .orderBy("departments.sortOrder")
    .orderBy("departments.name")
    .execute();
  return rows.map((row) => ({ ...row, userCount: Number(row.userCount) }));
}

/** Whether `departmentId` is empty (no department) or one of the town's. */
export async function isChoosableDepartment(
  townId: string,
  departmentId: string | null,
): Promise<boolean> {
  if (!departmentId) return true;
  const row = await getDb()
    .selectFrom("departments")
    .select("id")
    .where("id", "=", departmentId)
    .where("townId", "=", townId)
    .executeTakeFirst();
  return row !== undefined;
}

async function findByName(townId: string, name: string, exceptId?: string) {
  let query = getDb()
    .selectFrom("departments")
    .select("id")
    .where("townId", "=", townId)
    .where("name", "=", name);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return query.executeTakeFirst();
}

export type DepartmentChange = { ok: true } | { ok: false; message: string };

export async function createDepartment(townId: string, name: string): Promise<DepartmentChange> {
  if (await findByName(townId, name)) return { ok: false, message: `已有名为“${name}”的科室` };
  const db = getDb();
  const { max } = await db
    .selectFrom("departments")
    .select((eb) => eb.fn.max("sortOrder").as("max"))
    .where("townId", "=", townId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("departments")
    .values({
      id: newId(),
      townId,
      name,
      sortOrder: Number(max ?? 0) + 1,
      createdAt: nowIso(),
    })
    .execute();
  return { ok: true };
}

export async function renameDepartment(
  townId: string,
  id: string,
  name: string,
): Promise<DepartmentChange> {
  if (await findByName(townId, name, id)) return { ok: false, message: `已有名为“${name}”的科室` };
  const result = await getDb()
    .updateTable("departments")
    .set({ name })
    .where("id", "=", id)
    .where("townId", "=", townId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? { ok: true } : { ok: false, message: "科室不存在" };
}

/** Only a department nobody belongs to may be deleted, so no user loses theirs silently. */
export async function deleteDepartment(townId: string, id: string): Promise<DepartmentChange> {
  const db = getDb();
  const { count } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("departmentId", "=", id)
    .where("townId", "=", townId)
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) {
    return { ok: false, message: `该科室还有 ${Number(count)} 名用户，请先把他们调到其他科室` };
  }
  // Work still assigned to it would lose its office without a word: refuse instead.
  // (Published plans keep the office's name in their 印发稿.)
  const [sections, targets, defaults] = await Promise.all([
    db
      .selectFrom("sections")
      .innerJoin("plans", "plans.id", "sections.planId")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("sections.departmentId", "=", id)
      .where("sections.townId", "=", townId)
      .where("plans.state", "!=", "published")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("targets")
      .innerJoin("plans", "plans.id", "targets.planId")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("targets.departmentId", "=", id)
      .where("plans.townId", "=", townId)
      .where("plans.state", "!=", "published")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("sectionDefaults")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("departmentId", "=", id)
      .where("townId", "=", townId)
      .executeTakeFirstOrThrow(),
  ]);
  const assigned = [
    Number(sections.count) && `${Number(sections.count)} 个章节`,
    Number(targets.count) && `${Number(targets.count)} 项预期目标`,
    Number(defaults.count) && `${Number(defaults.count)} 类章节的默认分工`,
  ].filter(Boolean);
  if (assigned.length) {
    return {
      ok: false,
      message: `该科室仍负责 ${assigned.join("、")}，请先在分工设置或预期目标中改派给其他科室后再删除`,
    };
  }
  const result = await db
    .deleteFrom("departments")
    .where("id", "=", id)
    .where("townId", "=", townId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0 ? { ok: true } : { ok: false, message: "科室不存在" };
}
