import type { LoaderFunctionArgs } from "@remix-run/node";

import { RouteErrorBoundary } from "~/components/error-page";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

// Any unknown address inside the app: a Chinese 404 within the shell.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  notFound();
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
