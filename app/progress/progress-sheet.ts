// Every target's 进度 across the year as one table: the progress page's
// overview (总览) and the .xlsx the county asks for. Pure.
import { type Period, periodShortLabel } from "./periods";
import { percent, rate, type RatedTarget } from "./rating";

export type SheetTarget = RatedTarget & {
  departmentName: string | null;
  figures: { period: Period; actual: number; stateLabel: string }[];
};

export type SheetCell = { text: string; number?: number; rating?: string };

/** Header and rows: 序号, 指标, 全年目标, 责任科室, each period's figure and 进度, the latest share. */
export function progressSheet(targets: SheetTarget[], periods: Period[]) {
  const header = [
    "序号",
    "指标",
    "全年目标",
    "责任科室",
    ...periods.flatMap((p) => [`${periodShortLabel(p)}完成`, `${periodShortLabel(p)}进度`]),
    "完成比例（最新）",
  ];
  const rows: SheetCell[][] = targets.map((target, index) => {
    const byPeriod = periods.flatMap((period): SheetCell[] => {
      const figure = target.figures.find((f) => f.period === period);
      if (!figure) return [{ text: "" }, { text: "" }];
      const { rating } = rate(target, period, figure.actual);
      return [
        { text: `${figure.actual}${target.unit}`, number: figure.actual },
        { text: rating, rating },
      ];
    });
    const latest = target.figures.at(-1);
    const share = latest ? rate(target, latest.period, latest.actual).share : null;
    return [
      { text: String(index + 1), number: index + 1 },
      { text: target.name },
      { text: `${target.value}${target.unit}${target.qualifier ?? ""}` },
      { text: target.departmentName ?? "—" },
      ...byPeriod,
      share === null ? { text: "—" } : { text: percent(share), number: share },
    ];
  });
  return { header, rows };
}
