// npm run db:migrate — brings the database named by DATABASE_URL up to date.
import { runDbCommand } from "./cli";
import { getDb } from "./client";
import { migrateToLatest } from "./migrator";

await runDbCommand(async () => {
  const applied = await migrateToLatest(getDb());
  console.log(applied.length ? `已执行迁移：${applied.join("，")}` : "数据库已是最新结构");
});
