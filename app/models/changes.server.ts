// 痕迹保留 on stored sections: which text a view of the changes starts from
// (the baseline), the revisions after it, and acting on the changes (undo,
// 清稿). The attribution itself is pure: app/editor/attribution.ts.
import { getDb } from "~db/client";
import { nowIso } from "~db/time";
import { type SnapshotKind, snapshotName } from "~workflows/labels";
import type { SectionState } from "~workflows/section";

import {
  acceptedContent,
  attribute,
  changesBy,
  type Revision,
  type Tracked,
  withChangesUndone,
} from "~/editor/attribution";
import type { PlanCopy } from "~/export/copy";
import { can, type PolicyUser } from "~/policies/policy";
import { formatDateTime } from "~/utils/format";

import {
  type Editor,
  getSection,
  listSections,
  type SaveResult,
  saveSectionContent,
} from "./section.server";
import { recordEvent } from "./workflow/record.server";
import { type ApplyResult, MISSING, refusedBy } from "./workflow/section-events.server";
import { staleMessage } from "./workflow/stale.server";

type Db = ReturnType<typeof getDb>;

/** Where a view of the changes starts: a 存档稿, a revision, or the section's first text. */
export interface Baseline {
  /** A snapshot's or a revision's id; null for the first text. */
  id: string | null;
  name: string;
  at: string;
  content: string;
  /** Revisions after this one count (by version), or those saved after `at` (a copy). */
  afterVersion: number | null;
}

export interface BaselineChoice {
  id: string;
  name: string;
  at: string;
}

/** Whose default is the start of 统稿 rather than the last submission. */
const COMPILERS = ["coordinator", "mayor"] as const;

/** Every copy of the plan: its own (which hold every section) and its sections'. */
async function planCopiesOf(db: Db, townId: string, planId: string) {
  return db
    .selectFrom("snapshots")
    .select(["id", "kind", "sequence", "content", "createdAt", "sectionId"])
    .where("townId", "=", townId)
    .where("planId", "=", planId)
    .orderBy("createdAt", "desc")
    .execute();
}

type CopyRow = Awaited<ReturnType<typeof planCopiesOf>>[number];

/** The copies that hold this section: its own and the plan's. */
function copiesOfSection(copies: CopyRow[], sectionId: string) {
  return copies.filter((c) => c.sectionId === sectionId || c.sectionId === null);
}

/** The section's text in a copy; a 花脸稿 counts as its changes accepted. */
function contentIn(copy: CopyRow, sectionId: string): string | null {
  if (copy.sectionId) {
    return copy.kind === "markup" ? acceptedContent(JSON.parse(copy.content)) : copy.content;
  }
  const plan = JSON.parse(copy.content) as PlanCopy;
  return plan.sections.find((s) => s.id === sectionId)?.content ?? null;
}

function baselineOfCopy(copy: CopyRow, sectionId: string): Baseline | null {
  const content = contentIn(copy, sectionId);
  if (content === null) return null;
  return {
    id: copy.id,
    name: snapshotName(copy.kind, copy.sequence),
    at: copy.createdAt,
    content,
    afterVersion: null,
  };
}

async function revisionRows(db: Db, sectionId: string) {
  return db
    .selectFrom("sectionRevisions")
    .leftJoin("users", "users.id", "sectionRevisions.authorId")
    .select([
      "sectionRevisions.id",
      "sectionRevisions.version",
      "sectionRevisions.content",
      "sectionRevisions.authorId",
      "users.displayName as authorName",
      "sectionRevisions.createdAt",
      "sectionRevisions.updatedAt",
    ])
    .where("sectionRevisions.sectionId", "=", sectionId)
    .orderBy("sectionRevisions.version", "asc")
    .execute();
}

type RevisionRow = Awaited<ReturnType<typeof revisionRows>>[number];

function revisionName(row: RevisionRow): string {
  return `修改历史：${formatDateTime(row.updatedAt)} ${row.authorName ?? "系统"}`;
}

/** The latest copy of one of `kinds` that holds the section. */
function latest(copies: CopyRow[], kinds: SnapshotKind[], sectionId: string) {
  for (const copy of copies) {
    if (!kinds.includes(copy.kind)) continue;
    const baseline = baselineOfCopy(copy, sectionId);
    if (baseline) return baseline;
  }
  return null;
}

/**
 * The default baseline for this person: the start of 统稿 for 党政办 and the
 * mayor, the last submission for the others (the drafting office, the
 * leader); a later 清稿 moves it; the section's first text when there is
 * neither.
 */
function defaultOf(
  user: PolicyUser,
  copies: CopyRow[],
  revisions: RevisionRow[],
  sectionId: string,
): Baseline {
  const compiler = COMPILERS.some((role) => user.roles.includes(role));
  const chosen =
    (compiler ? latest(copies, ["compiling"], sectionId) : null) ??
    latest(copies, ["submitted"], sectionId);
  const cleaned = latest(copies, ["markup"], sectionId);
  if (cleaned && (!chosen || cleaned.at > chosen.at)) return cleaned;
  if (chosen) return chosen;
  const first = revisions[0];
  return first
    ? {
        id: first.id,
        name: "起草时的文本",
        at: first.updatedAt,
        content: first.content,
        afterVersion: first.version,
      }
    : { id: null, name: "当前文本", at: nowIso(), content: "", afterVersion: Infinity };
}

/** The revisions after a baseline, oldest first, as the attribution takes them. */
function revisionsAfter(baseline: Baseline, rows: RevisionRow[], current: CurrentText): Revision[] {
  const after = rows.filter((row) =>
    baseline.afterVersion !== null
      ? row.version > baseline.afterVersion
      : row.updatedAt > baseline.at,
  );
  const revisions: Revision[] = after.map((row) => ({
    content: row.content,
    author: { id: row.authorId ?? "system", name: row.authorName ?? "系统" },
    at: row.updatedAt,
  }));
  // The stored text is the last revision's; should they differ, the text wins.
  const last = revisions[revisions.length - 1]?.content ?? baseline.content;
  if (last !== current.content) {
    revisions.push({
      content: current.content,
      author: { id: current.updatedBy ?? "system", name: current.updatedByName ?? "系统" },
      at: current.updatedAt,
    });
  }
  return revisions;
}

type CurrentText = {
  content: string;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string;
};

export interface SectionChanges {
  baseline: Baseline;
  /** What the person's default baseline is called (for the picker). */
  defaultName: string;
  choices: BaselineChoice[];
  tracked: Tracked;
  version: number;
}

/**
 * The section's changes since `since` (a 存档稿 or a revision of it; the
 * person's default when absent). Null when `since` is not this section's.
 */
export async function changesOf(
  user: PolicyUser & { townId: string },
  section: { id: string; planId: string; version: number } & CurrentText,
  since?: string | null,
  /** The plan's copies, when the caller has them already (a view of the whole plan). */
  planCopies?: CopyRow[],
): Promise<SectionChanges | null> {
  const db = getDb();
  const [all, rows] = await Promise.all([
    planCopies ?? planCopiesOf(db, user.townId, section.planId),
    revisionRows(db, section.id),
  ]);
  const copies = copiesOfSection(all, section.id);
  const fallback = defaultOf(user, copies, rows, section.id);
  let baseline: Baseline | null;
  if (since) {
    const copy = copies.find((c) => c.id === since);
    const revision = rows.find((r) => r.id === since);
    baseline = copy
      ? // A plan copy from before the section existed: all of its text is new.
        (baselineOfCopy(copy, section.id) ?? {
          id: copy.id,
          name: snapshotName(copy.kind, copy.sequence),
          at: copy.createdAt,
          content: "",
          afterVersion: null,
        })
      : revision
        ? {
            id: revision.id,
            name: revisionName(revision),
            at: revision.updatedAt,
            content: revision.content,
            afterVersion: revision.version,
          }
        : null;
    if (!baseline) return null;
  } else {
    baseline = fallback;
  }
  const choices: BaselineChoice[] = [
    ...copies.flatMap((copy) =>
      contentIn(copy, section.id) === null
        ? []
        : [{ id: copy.id, name: snapshotName(copy.kind, copy.sequence), at: copy.createdAt }],
    ),
    ...[...rows]
      .reverse()
      .map((row) => ({ id: row.id, name: revisionName(row), at: row.updatedAt })),
  ];
  const tracked = attribute(baseline.content, revisionsAfter(baseline, rows, section));
  return { baseline, defaultName: fallback.name, choices, tracked, version: section.version };
}

/** A section of the town with its changes since `since`. */
export async function sectionChanges(
  user: PolicyUser & { townId: string },
  sectionId: string,
  since?: string | null,
) {
  const section = await getSection(user.townId, sectionId);
  if (!section) return null;
  const changes = await changesOf(user, section, since);
  return changes ? { section, ...changes } : null;
}

/** The changes of every section of a plan, each from the person's default or a plan copy. */
export async function planChanges(
  user: PolicyUser & { townId: string },
  planId: string,
  since?: string | null,
): Promise<
  | {
      sections: { section: SectionWithText; changes: SectionChanges }[];
      choices: BaselineChoice[];
      since: { name: string; at: string } | null;
    }
  | { refused: string }
> {
  const db = getDb();
  const copies = await planCopiesOf(db, user.townId, planId);
  const planCopies = copies.filter((c) => c.sectionId === null);
  const chosen = since ? planCopies.find((c) => c.id === since) : null;
  if (since && !chosen) return { refused: "没有找到作为比较起点的计划存档稿。" };
  const sections = [];
  for (const row of await listSections(user.townId, planId)) {
    const section = await getSection(user.townId, row.id);
    if (!section) continue;
    const changes = await changesOf(user, section, since, copies);
    if (changes) sections.push({ section, changes });
  }
  return {
    sections,
    choices: planCopies.map((c) => ({
      id: c.id,
      name: snapshotName(c.kind, c.sequence),
      at: c.createdAt,
    })),
    since: chosen
      ? { name: snapshotName(chosen.kind, chosen.sequence), at: chosen.createdAt }
      : null,
  };
}

type SectionWithText = NonNullable<Awaited<ReturnType<typeof getSection>>>;

/**
 * What others changed since the person's default baseline, in words for a
 * 待办 or a note: "张建国修改了 12 处". Null when no one else changed it.
 */
export async function othersChangesNote(
  user: PolicyUser & { id: string; townId: string },
  sectionId: string,
): Promise<string | null> {
  const found = await sectionChanges(user, sectionId);
  const others = found?.tracked.authors.filter((a) => a.author.id !== user.id) ?? [];
  if (others.length === 0) return null;
  return others.map((a) => `${a.author.name}修改了 ${a.inserts + a.deletes} 处`).join("，");
}

export type UndoInput = {
  since: string | null;
  baseVersion: number;
  /** One change (its number in the view), or every change of one person. */
  changeId?: number;
  authorId?: string;
};

export type ActResult =
  SaveResult | { status: "stale"; message: string } | { status: "gone"; message: string };

/**
 * Undoes one change, or all of one person's: the text without them is saved
 * as a new revision with the reason, on the record like any save.
 */
export async function undoChanges(
  user: Editor,
  sectionId: string,
  input: UndoInput,
): Promise<ActResult> {
  const view = await sectionChanges(user, sectionId, input.since);
  if (!view) return { status: "missing" };
  const permission = can(user, "section.edit", view.section);
  if (!permission.ok) return { status: "forbidden", reason: permission.refusal.message };
  if (view.section.version !== input.baseVersion) {
    return { status: "stale", message: await staleMessage(user.townId, { sectionId }) };
  }
  const undo =
    input.authorId !== undefined
      ? changesBy(view.tracked, input.authorId)
      : new Set(view.tracked.changes.some((c) => c.id === input.changeId) ? [input.changeId!] : []);
  if (undo.size === 0) {
    return { status: "gone", message: "该修改已不存在，请刷新页面查看最新的修改痕迹。" };
  }
  const whose = [
    ...new Set(view.tracked.changes.filter((c) => undo.has(c.id)).map((c) => c.author.name)),
  ];
  const reason =
    input.authorId !== undefined
      ? `撤销${whose.join("、")}的全部修改（${undo.size} 处）`
      : `撤销${whose.join("、")}的一处修改`;
  const content = JSON.parse(withChangesUndone(view.tracked.annotated, undo)) as unknown;
  return saveSectionContent(user, sectionId, content, input.baseVersion, { reason });
}

/**
 * 清稿: accepts every change since `since` (the person's default baseline
 * when absent). The text stays as it is; the marked-up text is kept as a
 * 花脸稿, which is where later views start.
 */
export async function cleanCopySection(
  user: Editor,
  sectionId: string,
  input: { since: string | null; baseVersion: number },
  now: Date = new Date(),
): Promise<ApplyResult> {
  const view = await sectionChanges(user, sectionId, input.since);
  if (!view) return MISSING;
  if (view.section.version !== input.baseVersion) {
    return { ok: false, status: 409, message: await staleMessage(user.townId, { sectionId }) };
  }
  const allowed = can(user, "section.cleanCopy", view.section);
  if (!allowed.ok) return refusedBy(allowed);
  if (view.tracked.changes.length === 0) {
    return { ok: false, status: 409, message: "没有需要接受的修订，文本已是清稿。" };
  }
  const applied = await getDb()
    .transaction()
    .execute((trx) =>
      recordCleanCopy(trx, user, view.section, view.tracked, input.baseVersion, now),
    );
  if (!applied) {
    return { ok: false, status: 409, message: await staleMessage(user.townId, { sectionId }) };
  }
  return { ok: true, state: view.section.state, version: input.baseVersion + 1 };
}

/**
 * Writes a 清稿 (inside the caller's transaction): the event with its 花脸稿,
 * and a new version so that a second click or an old page cannot repeat it.
 */
export async function recordCleanCopy(
  db: Db,
  user: { id: string; townId: string },
  section: { id: string; planId: string; title: string; state: SectionState },
  tracked: Tracked,
  baseVersion: number,
  now: Date,
  { ordinal }: { ordinal?: number } = {},
): Promise<boolean> {
  const result = await db
    .updateTable("sections")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", section.id)
    .where("townId", "=", user.townId)
    .where("version", "=", baseVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await recordEvent(db, {
    townId: user.townId,
    planId: section.planId,
    sectionId: section.id,
    subject: section.title,
    actorId: user.id,
    event: "cleanCopy",
    from: section.state,
    to: section.state,
    details: { changes: tracked.changes.length },
    snapshot: { kind: "markup", content: JSON.stringify(tracked.annotated) },
    at: nowIso(now),
    ordinal,
  });
  return true;
}
