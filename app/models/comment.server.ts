import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";

import { blocksOf } from "~/editor/diff";

import { type Editor, getSection } from "./section.server";

export type CommentView = { id: string; author: string; body: string; at: string };

export type CommentThread = CommentView & {
  quote: string;
  /** Which appearance of the quoted words (0-based, through the section) was selected. */
  occurrence: number;
  resolved: { by: string; at: string } | null;
  /** The quoted text is no longer in the section: listed under 原文已删除的意见. */
  orphaned: boolean;
  replies: CommentView[];
};

/** Whether a quote still stands in the text (within one paragraph, as it was selected). */
export function quoteStands(content: string, quote: string): boolean {
  return blocksOf(content).some((block) => block.includes(quote));
}

/** The section's comment threads, oldest first, each with its replies. */
export async function listThreads(townId: string, sectionId: string): Promise<CommentThread[]> {
  const section = await getSection(townId, sectionId);
  if (!section) return [];
  const rows = await getDb()
    .selectFrom("comments")
    .innerJoin("users as author", "author.id", "comments.authorId")
    .leftJoin("users as resolver", "resolver.id", "comments.resolvedBy")
    .select([
      "comments.id",
      "comments.threadId",
      "comments.body",
      "comments.quote",
      "comments.quoteOccurrence",
      "comments.resolvedAt",
      "comments.createdAt",
      "author.displayName as author",
      "resolver.displayName as resolver",
    ])
    .where("comments.townId", "=", townId)
    .where("comments.sectionId", "=", sectionId)
    .orderBy("comments.createdAt")
    .execute();
  const threads = new Map<string, CommentThread>();
  for (const row of rows) {
    const view = { id: row.id, author: row.author, body: row.body, at: row.createdAt };
    if (!row.threadId) {
      threads.set(row.id, {
        ...view,
        quote: row.quote ?? "",
        occurrence: row.quoteOccurrence,
        resolved: row.resolvedAt ? { by: row.resolver ?? "", at: row.resolvedAt } : null,
        orphaned: !quoteStands(section.content, row.quote ?? ""),
        replies: [],
      });
    } else {
      threads.get(row.threadId)?.replies.push(view);
    }
  }
  return [...threads.values()];
}

export type CommentResult = { ok: true } | { ok: false; status: 403 | 404 | 422; message: string };

const MISSING: CommentResult = {
  ok: false,
  status: 404,
  message: "该章节或意见不存在，或不属于您所在的镇。",
};

/** Anyone of the town may comment while the plan is not yet published. */
async function commentableSection(user: Editor, sectionId: string) {
  const section = await getSection(user.townId, sectionId);
  if (!section) return { error: MISSING };
  if (section.planState === "published") {
    return {
      error: { ok: false, status: 403, message: "计划已印发，不能再提意见。" } as CommentResult,
    };
  }
  return { section };
}

async function insertComment(
  user: Editor,
  sectionId: string,
  fields: { threadId: string | null; body: string; quote: string | null; occurrence?: number },
  now: Date,
) {
  await getDb()
    .insertInto("comments")
    .values({
      id: newId(),
      townId: user.townId,
      sectionId,
      threadId: fields.threadId,
      authorId: user.id,
      body: fields.body,
      quote: fields.quote,
      quoteOccurrence: fields.occurrence ?? 0,
      resolvedAt: null,
      resolvedBy: null,
      createdAt: nowIso(now),
    })
    .execute();
}

export async function addThread(
  user: Editor,
  sectionId: string,
  input: { quote: string; body: string; occurrence?: number },
  now: Date = new Date(),
): Promise<CommentResult> {
  const { section, error } = await commentableSection(user, sectionId);
  if (!section) return error;
  if (!quoteStands(section.content, input.quote)) {
    return {
      ok: false,
      status: 422,
      message: "选中的文字在最新内容中找不到，请刷新页面后重新选择。",
    };
  }
  await insertComment(
    user,
    sectionId,
    { threadId: null, body: input.body, quote: input.quote, occurrence: input.occurrence },
    now,
  );
  return { ok: true };
}

async function threadOf(user: Editor, sectionId: string, threadId: string) {
  return getDb()
    .selectFrom("comments")
    .select(["id", "resolvedAt"])
    .where("id", "=", threadId)
    .where("sectionId", "=", sectionId)
    .where("townId", "=", user.townId)
    .where("threadId", "is", null)
    .executeTakeFirst();
}

export async function addReply(
  user: Editor,
  sectionId: string,
  threadId: string,
  body: string,
  now: Date = new Date(),
): Promise<CommentResult> {
  const { section, error } = await commentableSection(user, sectionId);
  if (!section) return error;
  if (!(await threadOf(user, sectionId, threadId))) return MISSING;
  await insertComment(user, sectionId, { threadId, body, quote: null }, now);
  return { ok: true };
}

export async function setThreadResolved(
  user: Editor,
  sectionId: string,
  threadId: string,
  resolved: boolean,
  now: Date = new Date(),
): Promise<CommentResult> {
  const { section, error } = await commentableSection(user, sectionId);
  if (!section) return error;
  if (!(await threadOf(user, sectionId, threadId))) return MISSING;
  await getDb()
    .updateTable("comments")
    .set(
      resolved
        ? { resolvedAt: nowIso(now), resolvedBy: user.id }
        : { resolvedAt: null, resolvedBy: null },
    )
    .where("id", "=", threadId)
    .where("townId", "=", user.townId)
    .execute();
  return { ok: true };
}
