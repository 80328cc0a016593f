// The conflict view: both versions side by side and their differences, when
// someone else saved the section first. Loaded only then (section-editor.tsx).
import { DiffView } from "~/components/diff-view";
import { formatTime } from "~/utils/format";

import { diffContents } from "./diff";
import type { Conflict } from "./use-autosave";

function plainText(json: string): string {
  try {
    const root = (JSON.parse(json) as { root: Node }).root;
    const lines: string[] = [];
    type Node = { type?: string; text?: string; children?: Node[] };
    const walk = (node: Node): string => node.text ?? (node.children ?? []).map(walk).join("");
    for (const block of root.children ?? []) lines.push(walk(block));
    return lines.join("\n");
  } catch {
    return "";
  }
}

export default function ConflictView({
  conflict,
  onTheirs,
  onMine,
}: {
  conflict: Conflict;
  onTheirs: (conflict: Conflict) => void;
  onMine: (conflict: Conflict) => void;
}) {
  return (
    <section className="conflict" aria-labelledby="conflict-title">
      <h3 id="conflict-title">
        {conflict.savedBy ?? "他人"}于 {formatTime(new Date(conflict.savedAt))} 保存了本章节的新版本
      </h3>
      <p className="muted">
        您的修改没有覆盖对方的内容。请比较两边，选择采用哪一份；也可以先从左右两边复制需要的段落。
      </p>
      <div className="conflict-columns">
        <div>
          <h4>您的内容（未保存）</h4>
          <pre data-testid="conflict-mine">{plainText(conflict.mine)}</pre>
        </div>
        <div>
          <h4>已保存的内容</h4>
          <pre data-testid="conflict-theirs">{plainText(conflict.content)}</pre>
        </div>
      </div>
      <details open>
        <summary>两者的差异（以已保存的内容为原文，标出您的修改）</summary>
        <DiffView rows={diffContents(conflict.content, conflict.mine)} onlyChanges />
      </details>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => onTheirs(conflict)}>
          采用已保存的内容
        </button>
        <button type="button" className="button primary" onClick={() => onMine(conflict)}>
          保留我的内容（另存为新版本）
        </button>
      </div>
    </section>
  );
}
