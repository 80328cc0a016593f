import type { Kysely } from "kysely";

import type { SectionKind } from "../templates/section-kinds";
import type { Role } from "../workflows/roles";
import { hashPassword } from "./password";
import type { Database } from "./schema";
import { newId, nowIso } from "./time";

/** Every demo account signs in with this password; README says to change it. */
export const DEMO_PASSWORD = "demo1234";

interface DemoUser {
  username: string;
  displayName: string;
  title?: string;
  department?: string;
  roles: Role[];
  /** Section kinds this leader oversees by default. */
  oversees?: SectionKind[];
}

interface DemoTown {
  name: string;
  county: string;
  departments: string[];
  users: DemoUser[];
  /** Which department drafts each section kind by default. */
  drafters?: Partial<Record<SectionKind, string>>;
}

export const DEMO_TOWNS: DemoTown[] = [
  {
    name: "示例镇",
    county: "示例县",
    departments: [
      "党政办公室",
      "经济发展办公室",
      "农业农村办公室",
      "规划建设办公室",
      "生态环境办公室",
      "社会事务办公室",
      "综合治理办公室",
    ],
    users: [
      { username: "admin", displayName: "周敏", title: "信息管理员", roles: ["admin"] },
      {
        username: "coordinator",
        displayName: "李静",
        title: "党政办主任",
        department: "党政办公室",
        roles: ["coordinator"],
      },
      { username: "econ", displayName: "王强", department: "经济发展办公室", roles: ["drafter"] },
      { username: "agri", displayName: "刘洋", department: "农业农村办公室", roles: ["drafter"] },
      { username: "urban", displayName: "陈磊", department: "规划建设办公室", roles: ["drafter"] },
      { username: "eco", displayName: "杨帆", department: "生态环境办公室", roles: ["drafter"] },
      { username: "social", displayName: "赵丽", department: "社会事务办公室", roles: ["drafter"] },
      { username: "gov", displayName: "黄涛", department: "综合治理办公室", roles: ["drafter"] },
      {
        username: "leader1",
        displayName: "张建国",
        title: "副镇长",
        roles: ["leader"],
        oversees: ["economy", "urban"],
      },
      {
        username: "leader2",
        displayName: "孙立新",
        title: "副镇长",
        roles: ["leader"],
        oversees: ["agriculture", "ecology"],
      },
      {
        username: "leader3",
        displayName: "吴志远",
        title: "党委委员",
        roles: ["leader"],
        oversees: ["livelihood", "governance"],
      },
      { username: "mayor", displayName: "郑海", title: "镇长", roles: ["mayor"] },
      { username: "secretary", displayName: "马光明", title: "党委书记", roles: ["secretary"] },
    ],
    drafters: {
      economy: "经济发展办公室",
      agriculture: "农业农村办公室",
      urban: "规划建设办公室",
      ecology: "生态环境办公室",
      livelihood: "社会事务办公室",
      governance: "综合治理办公室",
    },
  },
  {
    name: "另一镇",
    county: "示例县",
    departments: ["党政办公室"],
    users: [
      {
        username: "coordinator2",
        displayName: "何晓",
        title: "党政办主任",
        department: "党政办公室",
        roles: ["coordinator"],
      },
    ],
  },
];

/**
 * Seeds the demo towns, but only into an empty database (no town yet), so that
 * running it on every start never touches real data. Returns whether it seeded.
 */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<boolean> {
  const { count } = await db
    .selectFrom("towns")
    .select((eb) => eb.fn.countAll().as("count"))
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) return false;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const town of DEMO_TOWNS) await insertTown(trx, town, passwordHash);
  });
  return true;
}

async function insertTown(db: Kysely<Database>, town: DemoTown, passwordHash: string) {
  const now = nowIso();
  const townId = newId();
  await db
    .insertInto("towns")
    .values({ id: townId, name: town.name, county: town.county, createdAt: now })
    .execute();

  const departmentIds = new Map<string, string>();
  for (const [index, name] of town.departments.entries()) {
    const id = newId();
    departmentIds.set(name, id);
    await db
      .insertInto("departments")
      .values({ id, townId, name, sortOrder: index + 1, createdAt: now })
      .execute();
  }

  const leaderOf = new Map<SectionKind, string>();
  for (const user of town.users) {
    const id = newId();
    await db
      .insertInto("users")
      .values({
        id,
        townId,
        username: user.username,
        displayName: user.displayName,
        title: user.title ?? null,
        passwordHash,
        departmentId: user.department ? (departmentIds.get(user.department) ?? null) : null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db
      .insertInto("userRoles")
      .values(user.roles.map((role) => ({ userId: id, role })))
      .execute();
    for (const kind of user.oversees ?? []) leaderOf.set(kind, id);
  }

  for (const [kind, department] of Object.entries(town.drafters ?? {})) {
    await db
      .insertInto("sectionDefaults")
      .values({
        townId,
        kind,
        departmentId: departmentIds.get(department) ?? null,
        leaderId: leaderOf.get(kind as SectionKind) ?? null,
      })
      .execute();
  }
}

/**
 * Who drafts and who reviews each section kind in 示例镇 by default, read off
 * the demo data (tests walk plans with these people).
 */
export function demoSectionPeople(): Record<SectionKind, { drafter: string; leader: string }> {
  const town = DEMO_TOWNS[0]!;
  const people = {} as Record<SectionKind, { drafter: string; leader: string }>;
  for (const [kind, department] of Object.entries(town.drafters ?? {}) as [SectionKind, string][]) {
    const drafter = town.users.find(
      (u) => u.department === department && u.roles.includes("drafter"),
    );
    const leader = town.users.find((u) => u.oversees?.includes(kind));
    if (!drafter || !leader) throw new Error(`demo town lacks people for ${kind}`);
    people[kind] = { drafter: drafter.username, leader: leader.username };
  }
  return people;
}

/** A seeded user as the models see an acting person: town, department, roles. */
export async function personOf(db: Kysely<Database>, username: string) {
  const row = await db
    .selectFrom("users")
    .select(["id", "townId", "departmentId"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom("userRoles")
    .select("role")
    .where("userId", "=", row.id)
    .execute();
  return { ...row, roles: roles.map((r) => r.role as Role) };
}
