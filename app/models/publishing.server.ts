// A town's issuing bodies and lists (系统管理 → 公文格式), and the publication
// a plan gets from them at 印发.
import { getDb } from "~db/client";

import {
  type Publication,
  type PublicationChoice,
  publicationOf,
  publishingFromJson,
  type TownPublishing,
} from "~/export/publication";

export async function getPublishing(townId: string): Promise<TownPublishing> {
  const town = await getDb()
    .selectFrom("towns")
    .select(["name", "publishing"])
    .where("id", "=", townId)
    .executeTakeFirstOrThrow();
  return publishingFromJson(town.publishing, town.name);
}

export async function setPublishing(townId: string, settings: TownPublishing): Promise<void> {
  await getDb()
    .updateTable("towns")
    .set({ publishing: JSON.stringify(settings) })
    .where("id", "=", townId)
    .execute();
}

/** The publication a plan gets at 印发: the choice with the town's names as they are now. */
export async function publicationFor(
  townId: string,
  choice: PublicationChoice,
): Promise<Publication> {
  return publicationOf(choice, await getPublishing(townId));
}
