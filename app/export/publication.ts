// How a published plan is issued (GB/T 9704-2012 §7.2, §7.4): as the plain
// plan, as a 文件 under the red 版头, or as a short 印发通知 with the plan
// attached; by the government, the Party committee or both; sealed or not.
// The town's names and lists are kept in 系统管理 and copied into the plan
// at 印发, so later changes never alter a published document.

export const PUBLICATION_FORMATS = ["plain", "file", "notice"] as const;
export type PublicationFormat = (typeof PUBLICATION_FORMATS)[number];

export const PUBLICATION_FORMAT_LABELS: Record<PublicationFormat, string> = {
  plain: "普通格式（无版头）",
  file: "文件式（红头文件）",
  notice: "通知式（印发通知，计划作附件）",
};

export const ISSUERS = ["government", "party", "joint"] as const;
export type IssuerChoice = (typeof ISSUERS)[number];

export const ISSUER_LABELS: Record<IssuerChoice, string> = {
  government: "镇人民政府",
  party: "镇党委",
  joint: "镇党委、镇人民政府联合",
};

/** A town's issuing bodies and lists (系统管理 → 公文格式). */
export type TownPublishing = {
  /** 中共示例镇委员会 */
  partyName: string;
  /** 示例镇人民政府 */
  governmentName: string;
  /** 主送机关 of a 印发通知. */
  mainRecipients: string;
  /** 抄送机关, separated by 、 or ，; empty for none. */
  copyTo: string;
  /** 印发机关 in the 版记, usually the 党政办. */
  printer: string;
};

export function defaultPublishing(townName: string): TownPublishing {
  return {
    partyName: `中共${townName}委员会`,
    governmentName: `${townName}人民政府`,
    mainRecipients: "各村（社区），镇属各部门、各单位",
    copyTo: "",
    printer: `${townName}党政办公室`,
  };
}

const PUBLISHING_KEYS = [
  "partyName",
  "governmentName",
  "mainRecipients",
  "copyTo",
  "printer",
] as const;

/** Stored settings (JSON) over the defaults; anything missing or broken falls back. */
export function publishingFromJson(json: string | null | undefined, townName: string) {
  const settings = defaultPublishing(townName);
  if (!json) return settings;
  try {
    const stored = JSON.parse(json) as Record<string, unknown>;
    for (const key of PUBLISHING_KEYS) {
      const value = stored[key];
      if (typeof value === "string") settings[key] = value.trim();
    }
  } catch {
    // broken JSON: the defaults
  }
  return settings;
}

/** What the person chose in the 印发 dialog. */
export type PublicationChoice = {
  format: PublicationFormat;
  issuer: IssuerChoice;
  sealed: boolean;
  /** 附注 "（此件公开发布）". */
  publicRelease: boolean;
};

/** A plan's publication as frozen at 印发: the choice and the town's names and lists then. */
export type Publication = PublicationChoice & {
  /** Issuing bodies in order, the lead body first. */
  issuers: string[];
  mainRecipients: string;
  copyTo: string;
  printer: string;
};

export const PLAIN_CHOICE: PublicationChoice = {
  format: "plain",
  issuer: "government",
  sealed: false,
  publicRelease: false,
};

export function issuersOf(issuer: IssuerChoice, town: TownPublishing): string[] {
  if (issuer === "party") return [town.partyName];
  if (issuer === "joint") return [town.partyName, town.governmentName];
  return [town.governmentName];
}

/** The bodies each choice names, for the 印发 dialog. */
export function issuerChoices(town: TownPublishing): Record<IssuerChoice, string[]> {
  return {
    government: issuersOf("government", town),
    party: issuersOf("party", town),
    joint: issuersOf("joint", town),
  };
}

/** What the 印发 dialog shows: the year for the 文号's example and each choice's bodies. */
export type PublishView = { year: number; issuers: Record<IssuerChoice, string[]> };

export function publicationOf(choice: PublicationChoice, town: TownPublishing): Publication {
  return {
    ...choice,
    issuers: issuersOf(choice.issuer, town),
    mainRecipients: town.mainRecipients,
    copyTo: town.copyTo,
    printer: town.printer,
  };
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

/** A stored publication (JSON), or null when there is none or it cannot be read. */
export function publicationFromJson(json: string | null | undefined): Publication | null {
  if (!json) return null;
  try {
    const p = JSON.parse(json) as Record<string, unknown>;
    if (!isOneOf(PUBLICATION_FORMATS, p.format) || !isOneOf(ISSUERS, p.issuer)) return null;
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    const issuers = Array.isArray(p.issuers) ? p.issuers.filter((s) => typeof s === "string") : [];
    if (issuers.length === 0) return null;
    return {
      format: p.format,
      issuer: p.issuer,
      sealed: p.sealed === true,
      publicRelease: p.publicRelease === true,
      issuers,
      mainRecipients: text(p.mainRecipients),
      copyTo: text(p.copyTo),
      printer: text(p.printer),
    };
  } catch {
    return null;
  }
}

/** "抄送：县委办公室，县政府办公室。": names separated by ，, a full stop after the last. */
export function copyToLine(copyTo: string): string | null {
  const names = copyTo
    .split(/[，,、;；\n]+/)
    .map((s) => s.trim().replace(/[。.]$/, ""))
    .filter(Boolean);
  return names.length ? `抄送：${names.join("，")}。` : null;
}

/** "示例镇人民政府关于印发《示例镇2027年工作计划》的通知" (joint: both bodies, a space between). */
export function noticeTitle(issuers: string[], planTitle: string): string {
  return `${issuers.join(" ")}关于印发《${planTitle}》的通知`;
}

/** The 主送 line: the recipients, then a full-width colon. */
export function addresseeLine(mainRecipients: string): string | null {
  const text = mainRecipients.trim().replace(/[：:。]$/, "");
  return text ? `${text}：` : null;
}
