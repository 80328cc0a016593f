import { describe, expect, it } from "vitest";

import {
  acceptedContent,
  attribute,
  changesBy,
  type JsonNode,
  mergeAuthors,
  plainText,
  type Revision,
  withChangesUndone,
} from "./attribution";

// Lexical JSON as the editor saves it.
const text = (value: string, format = 0): JsonNode => ({
  type: "text",
  text: value,
  format,
  style: "",
  mode: "normal",
  detail: 0,
  version: 1,
});
const block = (type: string, children: JsonNode[], extra: object = {}): JsonNode => ({
  type,
  children,
  direction: null,
  format: "",
  indent: 0,
  version: 1,
  ...extra,
});
const p = (...parts: (string | JsonNode)[]) =>
  block(
    "paragraph",
    parts.map((part) => (typeof part === "string" ? text(part) : part)),
  );
const h = (tag: string, value: string) => block("heading", [text(value)], { tag });
const cell = (value: string) => block("tablecell", [p(value)], { headerState: 0 });
const table = (...rows: string[][]) =>
  block(
    "table",
    rows.map((row) => block("tablerow", row.map(cell))),
  );
const doc = (...children: JsonNode[]) => JSON.stringify({ root: block("root", children) });

const leader = { id: "u-leader", name: "张建国" };
const mayor = { id: "u-mayor", name: "郑海" };
const clerk = { id: "u-clerk", name: "李静" };
const econ = { id: "u-econ", name: "王强" };

let minute = 0;
const by = (author: { id: string; name: string }, content: string): Revision => ({
  content,
  author,
  at: new Date(Date.UTC(2027, 2, 3, 2, minute++)).toISOString(),
});

const summary = (tracked: ReturnType<typeof attribute>) =>
  tracked.changes.map((c) => `${c.author.name}:${c.type === "insert" ? "+" : "-"}${c.text}`);

describe("attribute", () => {
  const baseline = doc(h("h1", "聚力项目建设"), p("全年引进亿元以上项目5个，完成各项目标任务。"));

  it("shows a change inside a sentence as that change, by character", () => {
    const tracked = attribute(baseline, [
      by(leader, doc(h("h1", "聚力项目建设"), p("全年引进亿元以上项目8个，完成各项目标任务。"))),
    ]);
    expect(summary(tracked)).toEqual(["张建国:-5", "张建国:+8"]);
  });

  it("attributes each change of three people editing in turn to the right person", () => {
    const afterLeader = doc(
      h("h1", "聚力项目建设"),
      p("全年引进亿元以上项目8个，完成各项目标任务。"),
    );
    const afterMayor = doc(
      h("h1", "聚力项目建设，增强发展动能"),
      p("全年引进亿元以上项目8个，完成各项目标任务。"),
      p("年内开工重点项目3个。"),
    );
    const afterClerk = doc(
      h("h1", "聚力项目建设，增强发展动能"),
      p("全年引进亿元以上项目8个。"),
      p("年内开工重点项目3个。"),
    );
    const tracked = attribute(baseline, [
      by(leader, afterLeader),
      by(mayor, afterMayor),
      by(clerk, afterClerk),
    ]);
    expect(summary(tracked)).toEqual([
      "郑海:+，增强发展动能",
      "张建国:-5",
      "张建国:+8",
      "李静:-，完成各项目标任务",
      "郑海:+年内开工重点项目3个。\n",
    ]);
    expect(tracked.authors.map((a) => [a.author.name, a.inserts, a.deletes])).toEqual([
      ["郑海", 2, 0],
      ["张建国", 1, 1],
      ["李静", 0, 1],
    ]);
    // Accepting everything gives the latest text.
    expect(plainText(acceptedContent(tracked.annotated))).toBe(plainText(afterClerk));
  });

  it("lets text inserted by one person and deleted by another leave no trace", () => {
    const tracked = attribute(baseline, [
      by(
        leader,
        doc(h("h1", "聚力项目建设"), p("全年引进亿元以上项目5个（含外资），完成各项目标任务。")),
      ),
      by(mayor, baseline),
    ]);
    expect(tracked.changes).toEqual([]);
  });

  it("keeps a deleted paragraph in place as a deleted block", () => {
    const start = doc(p("第一段。"), p("第二段。"), p("第三段。"));
    const tracked = attribute(start, [by(leader, doc(p("第一段。"), p("第三段。")))]);
    expect(summary(tracked)).toEqual(["张建国:-第二段。\n"]);
    const blocks = tracked.annotated.root.children!;
    expect(blocks.map((b) => [b.$deleted ? "deleted" : "kept", b.children![0]!.text])).toEqual([
      ["kept", "第一段。"],
      ["deleted", "第二段。"],
      ["kept", "第三段。"],
    ]);
    // Undoing the deletion brings the paragraph back where it was.
    const undone = withChangesUndone(tracked.annotated, changesBy(tracked, leader.id));
    expect(plainText(undone)).toBe(plainText(start));
  });

  it("keeps the last paragraph when it is deleted, after the rest", () => {
    const start = doc(p("第一段。"), p("第二段。"));
    const tracked = attribute(start, [by(leader, doc(p("第一段。")))]);
    const blocks = tracked.annotated.root.children!;
    expect(blocks).toHaveLength(2);
    expect(blocks[1]!.$deleted?.author).toBe("张建国");
    expect(plainText(withChangesUndone(tracked.annotated, new Set([1])))).toBe(plainText(start));
  });

  it("follows paragraphs split and joined", () => {
    const start = doc(p("加快园区建设。推进招商引资。"), p("优化营商环境。"));
    const split = doc(p("加快园区建设。"), p("推进招商引资。"), p("优化营商环境。"));
    const joined = doc(p("加快园区建设。"), p("推进招商引资。优化营商环境。"));
    const tracked = attribute(start, [by(leader, split), by(mayor, joined)]);
    expect(summary(tracked)).toEqual(["张建国:+\n", "郑海:-\n"]);
    expect(plainText(acceptedContent(tracked.annotated))).toBe(plainText(joined));
    // The joined paragraph shows as one block: the break is gone, the text kept.
    expect(tracked.annotated.root.children!.map((b) => plainText(doc(b)))).toEqual([
      "加快园区建设。\n",
      "推进招商引资。优化营商环境。\n",
    ]);
  });

  it("attributes an edit inside a table cell to its author", () => {
    const start = doc(table(["项目类别", "个数"], ["工业项目", "5"]));
    const after = doc(table(["项目类别", "个数"], ["工业项目", "8"]));
    const tracked = attribute(start, [by(leader, after)]);
    expect(summary(tracked)).toEqual(["张建国:-5", "张建国:+8"]);
    const cellText = tracked.annotated.root.children![0]!.children![1]!.children![1]!.children![0]!;
    expect(cellText.children!.map((n) => [n.text, n.$change?.type])).toEqual([
      ["5", "delete"],
      ["8", "insert"],
    ]);
  });

  it("undoing all of one person's changes gives the text without them, and later views show none of theirs", () => {
    const start = doc(p("全年引进亿元以上项目5个。"), p("完成固定资产投资10亿元。"));
    const afterLeader = doc(p("全年引进亿元以上项目8个。"), p("完成固定资产投资10亿元。"));
    const afterMayor = doc(p("全年引进亿元以上项目8个。"), p("完成固定资产投资12亿元以上。"));
    const revisions = [by(leader, afterLeader), by(mayor, afterMayor)];
    const tracked = attribute(start, revisions);
    const withoutLeader = withChangesUndone(tracked.annotated, changesBy(tracked, leader.id));
    expect(plainText(withoutLeader)).toBe(
      plainText(doc(p("全年引进亿元以上项目5个。"), p("完成固定资产投资12亿元以上。"))),
    );
    const again = attribute(start, [...revisions, by(econ, withoutLeader)]);
    expect(summary(again)).toEqual(["郑海:-0", "郑海:+2", "郑海:+以上"]);
  });

  it("an undone deletion comes back as it was, not as someone's insertion", () => {
    const start = doc(p("推进招商引资，优化营商环境。"));
    const tracked = attribute(start, [by(leader, doc(p("推进招商引资。")))]);
    const restored = withChangesUndone(tracked.annotated, new Set([1]));
    const again = attribute(start, [by(leader, doc(p("推进招商引资。"))), by(econ, restored)]);
    expect(again.changes).toEqual([]);
  });

  it("keeps each piece's format and marks who changed it and when", () => {
    const start = doc(p(text("重点项目", 1), "5个。"));
    const tracked = attribute(start, [by(leader, doc(p(text("重点项目", 1), "8个。")))]);
    const pieces = tracked.annotated.root.children![0]!.children!;
    expect(pieces.map((n) => [n.text, n.format, n.$change?.type ?? null])).toEqual([
      ["重点项目", 1, null],
      ["5", 0, "delete"],
      ["8", 0, "insert"],
      ["个。", 0, null],
    ]);
    expect(pieces[2]!.$change).toMatchObject({ author: "张建国", authorId: "u-leader" });
    expect(Date.parse(pieces[2]!.$change!.at)).not.toBeNaN();
  });

  it("marks a paragraph that is new since the baseline", () => {
    const tracked = attribute(doc(p("第一段。")), [by(mayor, doc(p("第一段。"), p("新的一段。")))]);
    const [, added] = tracked.annotated.root.children!;
    expect(added!.$inserted?.author).toBe("郑海");
    // Undoing it removes the paragraph, not just its text.
    expect(JSON.parse(withChangesUndone(tracked.annotated, changesBy(tracked, mayor.id)))).toEqual(
      JSON.parse(doc(p("第一段。"))),
    );
  });

  it("treats a revision that cannot be read as empty rather than failing", () => {
    const tracked = attribute(doc(p("第一段。")), [by(leader, "not json")]);
    expect(summary(tracked)).toEqual(["张建国:-第一段。\n"]);
  });

  it("keeps a long text rewritten whole, then edited again, attributed to each person", () => {
    const old = "原有的文字。".repeat(2500);
    const rewritten = "全新的文字！".repeat(2500);
    const tracked = attribute(doc(p(old), p("不变的一段。")), [
      by(mayor, doc(p(rewritten), p("不变的一段。"))),
      by(leader, doc(p(rewritten), p("不变的一段。补充一句。"))),
    ]);
    expect(tracked.authors).toEqual([
      { author: mayor, inserts: 1, deletes: 1 },
      { author: leader, inserts: 1, deletes: 0 },
    ]);
    expect(plainText(acceptedContent(tracked.annotated))).toBe(
      `${rewritten}\n不变的一段。补充一句。\n`,
    );
  });
});

describe("mergeAuthors", () => {
  it("sums each person's counts over several sections, in order of appearance", () => {
    expect(
      mergeAuthors([
        [{ author: leader, inserts: 1, deletes: 2 }],
        [
          { author: mayor, inserts: 3, deletes: 0 },
          { author: leader, inserts: 1, deletes: 1 },
        ],
      ]),
    ).toEqual([
      { author: leader, inserts: 2, deletes: 3 },
      { author: mayor, inserts: 3, deletes: 0 },
    ]);
  });
});
