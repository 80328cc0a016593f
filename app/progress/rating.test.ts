import { describe, expect, it } from "vitest";

import { measureOf, percent, rate } from "./rating";

const projects = { name: "引进过亿元项目", value: "5", unit: "个", qualifier: null };
const investment = { name: "完成基础设施投资", value: "1.2", unit: "亿元", qualifier: "以上" };
const growth = { name: "地区生产总值增长", value: "6", unit: "%", qualifier: "以上" };
const unemployment = { name: "城镇登记失业率控制在", value: "3", unit: "%", qualifier: "以内" };
const accidents = { name: "较大安全事故", value: "1", unit: "个", qualifier: "以内" };

describe("进度 against the time elapsed (时间过半、任务过半)", () => {
  it("amounts: the share done against the share of the year gone, quarterly or monthly", () => {
    // Half the year gone: 2 of 5 projects is behind, 3 ahead, 2.5 exactly on time.
    expect(rate(projects, "2027-Q2", 2)).toEqual({ rating: "欠进度", share: 0.4, elapsed: 0.5 });
    expect(rate(projects, "2027-Q2", 2.5).rating).toBe("达进度");
    expect(rate(projects, "2027-Q2", 3).rating).toBe("超进度");
    // A month in: 0.1 亿元 of 1.2 is on time (8.3% done, 8.3% gone).
    expect(rate(investment, "2027-01", 0.1).rating).toBe("达进度");
    expect(rate(investment, "2027-01", 0.05).rating).toBe("欠进度");
    expect(rate(investment, "2027-Q1", 0.5).rating).toBe("超进度");
    // The year's end: all of it, or behind.
    expect(rate(projects, "2027-Q4", 5).rating).toBe("达进度");
    expect(rate(projects, "2027-12", 4).rating).toBe("欠进度");
  });

  it("growth rates: the rate so far against the target, whatever the time", () => {
    expect(rate(growth, "2027-Q1", 5.2)).toEqual({ rating: "欠进度", share: null, elapsed: 0.25 });
    expect(rate(growth, "2027-Q1", 6).rating).toBe("达进度");
    expect(rate(growth, "2027-06", 6.8).rating).toBe("超进度");
  });

  it("targets that count down: within the ceiling is on track, over it behind", () => {
    expect(measureOf(unemployment)).toEqual({ kind: "rate", cap: true });
    expect(rate(unemployment, "2027-Q2", 3).rating).toBe("达进度");
    expect(rate(unemployment, "2027-Q2", 2.5).rating).toBe("超进度");
    expect(rate(unemployment, "2027-Q2", 3.2).rating).toBe("欠进度");
    expect(measureOf(accidents)).toEqual({ kind: "amount", cap: true });
    expect(rate(accidents, "2027-Q3", 0).rating).toBe("达进度");
    expect(rate(accidents, "2027-Q3", 2).rating).toBe("欠进度");
  });

  it("shows shares as a clerk writes them", () => {
    expect(percent(0.625)).toBe("62.5%");
    expect(percent(1 / 3)).toBe("33.3%");
  });
});
