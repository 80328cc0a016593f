// npm run db:seed — seeds the demo towns into an empty database.
// npm run db:seed -- --reset — wipes every table and seeds again.
import { runDbCommand } from "./cli";
import { getDb } from "./client";
import { migrateToEmpty, migrateToLatest } from "./migrator";
import { DEMO_PASSWORD, seedDemoIfEmpty } from "./seed-demo";

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
  console.log(
    seeded
      ? `已写入演示数据：示例镇、另一镇（演示账号密码均为 ${DEMO_PASSWORD}）`
      : "数据库中已有数据，未写入演示数据（如需重置请加 --reset）",
  );
});
