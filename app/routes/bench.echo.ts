import type { ActionFunctionArgs } from "@remix-run/node";

// The baseline of `npm run bench` (bench/run.ts): a POST that reads the same
// body as an autosave and answers, through the same server, guard and Remix.
// It exists only when the benchmark starts the server with BENCH_ROUTES=1.

const notFound = () =>
  Response.json({ error: { code: "not_found", message: "页面不存在。" } }, { status: 404 });

export function loader() {
  return notFound();
}

export async function action({ request }: ActionFunctionArgs) {
  if (process.env.BENCH_ROUTES !== "1") return notFound();
  const body = await request.text();
  return Response.json({ bytes: body.length });
}
