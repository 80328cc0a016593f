// npm run db:seed — seeds the demo towns into an empty database.
// npm run db:seed -- --reset — wipes every table and seeds again.
import { runDbCommand } from "../db/cli";
import { getDb } from "../db/client";
import { migrateToEmpty, migrateToLatest } from "../db/migrator";
import { seedDemoYear } from "../app/demo/demo-year.server";
import { DEMO_PASSWORD, seedDemoIfEmpty } from "../db/seed-demo";

const reset = process.argv.includes("--reset");

await runDbCommand(async () => {
  const db = getDb();
  if (reset) {
    if (process.env.NODE_ENV === "production") {
      throw new Error("生产环境（NODE_ENV=production）不允许 --reset 清空数据库");
    }
    await migrateToEmpty(db);
    console.log("已清空数据库");
  }
  await migrateToLatest(db);
  const seeded = await seedDemoIfEmpty(db);
  // This year's plan, issued and reported on, for the progress pages and the reports.
  if (seeded) await seedDemoYear();
  console.log(
    seeded
      ? `已写入演示数据：示例镇、另一镇，示例镇今年的工作计划（演示账号密码均为 ${DEMO_PASSWORD}）`
      : "数据库中已有数据，未写入演示数据（如需重置请加 --reset）",
  );
});
