import { expect, it } from "vitest";

import { verifyPassword } from "./password";
import { DEMO_PASSWORD, seedDemoIfEmpty } from "./seed-demo";
import { describeEachDialect } from "./testing";

describeEachDialect("demo seed", (t) => {
  async function snapshot() {
    const towns = await t.db.selectFrom("towns").select(["id", "name"]).orderBy("name").execute();
    const users = await t.db
      .selectFrom("users")
      .select(["id", "username"])
      .orderBy("username")
      .execute();
    const roles = await t.db
      .selectFrom("userRoles")
      .selectAll()
      .orderBy("userId")
      .orderBy("role")
      .execute();
    const departments = await t.db
      .selectFrom("departments")
      .select(["id", "name"])
      .orderBy("id")
      .execute();
    return { towns, users, roles, departments };
  }

  it("fills an empty database with the two demo towns", async () => {
    expect(await seedDemoIfEmpty(t.db)).toBe(true);
    const { towns, users } = await snapshot();
    expect(towns.map((town) => town.name).sort()).toEqual(["另一镇", "示例镇"].sort());
    expect(users.map((user) => user.username)).toEqual(
      [
        "admin",
        "agri",
        "coordinator",
        "coordinator2",
        "eco",
        "econ",
        "gov",
        "leader1",
        "leader2",
        "leader3",
        "mayor",
        "secretary",
        "social",
        "urban",
      ].sort(),
    );
  });

  it("changes nothing when run a second time", async () => {
    const before = await snapshot();
    expect(await seedDemoIfEmpty(t.db)).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it("gives every demo user the demo password and the roles of the issue", async () => {
    const coordinator = await t.db
      .selectFrom("users")
      .innerJoin("departments", "departments.id", "users.departmentId")
      .select(["users.id", "users.passwordHash", "departments.name as department"])
      .where("username", "=", "coordinator")
      .executeTakeFirstOrThrow();
    expect(coordinator.department).toBe("党政办公室");
    expect(await verifyPassword(coordinator.passwordHash, DEMO_PASSWORD)).toBe(true);
    const roles = await t.db
      .selectFrom("userRoles")
      .innerJoin("users", "users.id", "userRoles.userId")
      .select(["users.username", "userRoles.role"])
      .where("users.username", "in", ["admin", "econ", "leader2", "mayor", "secretary"])
      .orderBy("users.username")
      .execute();
    expect(roles).toEqual([
      { username: "admin", role: "admin" },
      { username: "econ", role: "drafter" },
      { username: "leader2", role: "leader" },
      { username: "mayor", role: "mayor" },
      { username: "secretary", role: "secretary" },
    ]);
  });

  it("records which leader and department take each section kind", async () => {
    const defaults = await t.db
      .selectFrom("sectionDefaults")
      .innerJoin("users", "users.id", "sectionDefaults.leaderId")
      .innerJoin("departments", "departments.id", "sectionDefaults.departmentId")
      .select(["sectionDefaults.kind", "users.username", "departments.name"])
      .orderBy("sectionDefaults.kind")
      .execute();
    expect(defaults).toEqual([
      { kind: "agriculture", username: "leader2", name: "农业农村办公室" },
      { kind: "ecology", username: "leader2", name: "生态环境办公室" },
      { kind: "economy", username: "leader1", name: "经济发展办公室" },
      { kind: "governance", username: "leader3", name: "综合治理办公室" },
      { kind: "livelihood", username: "leader3", name: "社会事务办公室" },
      { kind: "urban", username: "leader1", name: "规划建设办公室" },
    ]);
  });
});
