import type { Params } from "@remix-run/react";

import { getPlanSection } from "~/models/section.server";

import { notFound } from "./http.server";

/** The section a page's address names, in the person's town; a Chinese 404 otherwise. */
export async function requirePlanSection(user: { townId: string }, params: Params) {
  const found = await getPlanSection(user.townId, params.planId ?? "", params.sectionId ?? "");
  if (!found) notFound("该章节不存在，或不属于您所在的镇。");
  return found;
}
