import { getDb } from "~db/client";
import { newId, nowIso } from "~db/time";

import { blockEntries, blocksOf } from "~/editor/diff";
import { findOccurrence } from "~/editor/marks";
import { allowed, can, type PolicyUser, REFUSAL_STATUS, type Verdict } from "~/policies/policy";

import { type Editor, getSection, type SectionRow } from "./section.server";

export type CommentView = { id: string; author: string; body: string; at: string };

export type CommentThread = CommentView & {
  quote: string;
  /** Which appearance of the quoted words (0-based, through the section) was selected. */
  occurrence: number;
  resolved: { by: string; at: string } | null;
  /**
   * The quoted words are no longer in the section: listed under 原文已修改的意见,
   * still counted as open until someone resolves the thread.
   */
  orphaned: boolean;
  /** The heading the quoted words stood under when the comment was made. */
  heading: string | null;
  /** Whether the reader may mark it resolved or open again (author, leader, coordinator). */
  canResolve: boolean;
  replies: CommentView[];
};

/** Whether a quote still stands in the text (within one paragraph, as it was selected). */
export function quoteStands(content: string, quote: string): boolean {
  return blocksOf(content).some((block) => block.includes(quote));
}

/** The section's comment threads, oldest first, each with its replies, as `reader` sees them. */
export async function listThreads(
  reader: PolicyUser & { townId: string },
  sectionId: string,
): Promise<CommentThread[]> {
  const townId = reader.townId;
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
      "comments.quoteHeading",
      "comments.authorId",
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
        heading: row.quoteHeading,
        canResolve: allowed(reader, "comment.resolve", { authorId: row.authorId, section }),
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

function refused(verdict: Exclude<Verdict, { ok: true }>): CommentResult {
  const status = REFUSAL_STATUS[verdict.refusal.code];
  return { ok: false, status: status === 422 ? 422 : 403, message: verdict.refusal.message };
}

/** The section, if the person may comment on it now (the policy: not once published). */
async function commentableSection(
  user: Editor,
  sectionId: string,
  action: "comment.create" | "comment.reply",
): Promise<
  | { section: SectionRow & { content: string }; error?: never }
  | { section?: never; error: CommentResult }
> {
  const section = await getSection(user.townId, sectionId);
  if (!section) return { error: MISSING };
  const verdict = can(user, action, section);
  return verdict.ok ? { section } : { error: refused(verdict) };
}

/** The heading the `occurrence`-th appearance of `quote` stands under. */
function headingOf(content: string, quote: string, occurrence: number): string | null {
  const entries = blockEntries(content);
  const found = findOccurrence(
    entries.map((entry) => entry.text),
    quote,
    occurrence,
  );
  return found ? (entries[found.block]?.heading ?? null) : null;
}

async function insertComment(
  user: Editor,
  sectionId: string,
  fields: {
    threadId: string | null;
    body: string;
    quote: string | null;
    occurrence?: number;
    heading?: string | null;
  },
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
      quoteHeading: fields.heading ?? null,
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
  const { section, error } = await commentableSection(user, sectionId, "comment.create");
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
    {
      threadId: null,
      body: input.body,
      quote: input.quote,
      occurrence: input.occurrence,
      heading: headingOf(section.content, input.quote, input.occurrence ?? 0),
    },
    now,
  );
  return { ok: true };
}

async function threadOf(user: Editor, sectionId: string, threadId: string) {
  return getDb()
    .selectFrom("comments")
    .select(["id", "resolvedAt", "authorId"])
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
  const { section, error } = await commentableSection(user, sectionId, "comment.reply");
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
  const section = await getSection(user.townId, sectionId);
  const thread = section ? await threadOf(user, sectionId, threadId) : undefined;
  if (!section || !thread) return MISSING;
  const verdict = can(user, "comment.resolve", { authorId: thread.authorId, section });
  if (!verdict.ok) return refused(verdict);
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
