// Test helper: calls an API route module the way Remix does, and reads its JSON.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

type RouteModule = {
  loader: (args: LoaderFunctionArgs) => Promise<Response>;
  action: (args: ActionFunctionArgs) => Promise<Response>;
};

export type Call = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  params?: Record<string, string>;
  token?: string | null;
  cookie?: string;
  /** An object is sent as JSON; a string as it is (e.g. malformed JSON). */
  body?: unknown;
  /** Sent as multipart/form-data instead of `body` (an upload). */
  form?: FormData;
};

export async function call(route: RouteModule, request: Call) {
  const method = request.method ?? "GET";
  const headers = new Headers();
  if (request.token) headers.set("Authorization", `Bearer ${request.token}`);
  if (request.cookie) headers.set("Cookie", request.cookie);
  let body: string | FormData | undefined;
  if (request.form) {
    body = request.form;
  } else if (request.body !== undefined) {
    body = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
    headers.set("Content-Type", "application/json");
  }
  const req = new Request(`http://localhost${request.path}`, { method, headers, body });
  const args = { request: req, params: request.params ?? {}, context: {} };
  const response = method === "GET" ? await route.loader(args) : await route.action(args);
  const type = response.headers.get("Content-Type") ?? "";
  const json = type.includes("json") ? ((await response.json()) as Record<string, unknown>) : null;
  // Tests read deep into answers; typing every shape here would only repeat the views.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, json: json as any, response };
}
