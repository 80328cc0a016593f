/**
 * The six kinds of plan section that have a template (DESIGN §2, §6), in the
 * order a plan lists them. The templates themselves arrive with drafting.
 */
export const SECTION_KINDS = [
  "economy",
  "agriculture",
  "urban",
  "ecology",
  "livelihood",
  "governance",
] as const;

export type SectionKind = (typeof SECTION_KINDS)[number];

export const SECTION_KIND_LABELS: Record<SectionKind, string> = {
  economy: "经济发展",
  agriculture: "农业农村与乡村振兴",
  urban: "城镇建设",
  ecology: "生态环境",
  livelihood: "民生保障",
  governance: "社会治理与党的建设",
};
