import { getDb } from "./client";

/** Runs a database command line tool: prints Chinese errors, never a stack. */
export async function runDbCommand(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await getDb().destroy();
  }
}
