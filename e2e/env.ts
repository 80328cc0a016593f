// Shared by playwright.config.ts and the fixtures.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE = "./data/e2e.db";
