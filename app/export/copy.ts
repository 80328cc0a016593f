// A plan's copy kept at a workflow step (存档稿, 印发稿) as the document it prints.
import { fontsFromJson, type FontSettings } from "./fonts";
import { DEFAULT_LIST_STYLE, isListStyle } from "./lists";
import type { ExportInput } from "./model";

export type CopiedTarget = {
  name: string;
  value: string;
  unit: string;
  qualifier: string | null;
  baseline: string | null;
  /** Kept under this name since the first copies were written. */
  department_id: string | null;
  /** The department's name at the time of the copy (absent in copies before 2026-12). */
  department?: string | null;
  /** A report's figure to date (absent in plans' copies). */
  actual?: string | null;
};

/** A plan's copy as stored (JSON). The last fields are absent in copies before 2026-12. */
export type PlanCopy = {
  title: string;
  preamble: string | null;
  closing: string | null;
  targets: CopiedTarget[];
  sections: { id: string; title: string; content: string }[];
  townName?: string;
  fonts?: FontSettings;
  targetsAsTable?: boolean;
  /** How list items print (absent before 2026-12: the default). */
  listStyle?: string;
};

/** The document a copy prints: for a published plan with its 文号 and date, else plain. */
export function inputFromCopy(
  copy: PlanCopy,
  edition: {
    draft: boolean;
    documentNumber: string | null;
    date: string;
    issuer: (town: string) => string;
    townName: string;
  },
): ExportInput {
  return {
    title: copy.title,
    draft: edition.draft,
    documentNumber: edition.documentNumber,
    preamble: copy.preamble,
    targets: copy.targets.map((t) => ({
      name: t.name,
      value: t.value,
      unit: t.unit,
      qualifier: t.qualifier,
      baseline: t.baseline,
      department: t.department ?? null,
      actual: t.actual ?? null,
    })),
    targetsAsTable: copy.targetsAsTable ?? false,
    listStyle: isListStyle(copy.listStyle) ? copy.listStyle : DEFAULT_LIST_STYLE,
    sections: copy.sections.map(({ title, content }) => ({ title, content })),
    closing: copy.closing,
    issuer: edition.issuer(copy.townName ?? edition.townName),
    date: edition.date,
    fonts: copy.fonts ?? fontsFromJson(null),
  };
}
