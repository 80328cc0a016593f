import { describe, expect, it } from "vitest";

import {
  duePeriods,
  elapsedShare,
  periodDue,
  periodEnd,
  periodLabel,
  periodOpen,
  periodsOf,
  PeriodSchema,
} from "./periods";

describe("reporting periods", () => {
  it("a year has four quarters or twelve months; time elapsed is the share of the year gone", () => {
    expect(periodsOf(2027, "quarter")).toEqual(["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]);
    expect(periodsOf(2027, "month")).toHaveLength(12);
    expect(periodsOf(2027, "month")[5]).toBe("2027-06");
    expect(elapsedShare("2027-Q2")).toBe(0.5);
    expect(elapsedShare("2027-06")).toBe(0.5);
    expect(elapsedShare("2027-03")).toBe(0.25);
    expect(elapsedShare("2027-Q4")).toBe(1);
  });

  it("names, ends and due dates (the 10th of the month after)", () => {
    expect(periodLabel("2027-Q2")).toBe("2027年第二季度");
    expect(periodLabel("2027-06")).toBe("2027年6月");
    expect(periodEnd("2027-Q1")).toBe("2027-03-31");
    expect(periodEnd("2028-02")).toBe("2028-02-29");
    expect(periodDue("2027-Q2")).toBe("2027-07-10");
    expect(periodDue("2027-12")).toBe("2028-01-10");
  });

  it("takes only a begun period of the plan's year, of the town's kind, in clear Chinese", () => {
    expect(periodOpen("2027-Q2", 2027, "quarter", "2027-05-01")).toBeNull();
    expect(periodOpen("2027-Q3", 2027, "quarter", "2027-05-01")).toBe(
      "2027年第三季度尚未开始，不能报送。",
    );
    expect(periodOpen("2026-Q4", 2027, "quarter", "2027-05-01")).toBe("报送期应在2027年之内。");
    expect(periodOpen("2027-05", 2027, "quarter", "2027-05-01")).toContain("按季度报送");
    expect(PeriodSchema.safeParse("2027-Q5").success).toBe(false);
    expect(PeriodSchema.safeParse("2027-13").success).toBe(false);
    expect(PeriodSchema.safeParse(" 2027-06 ").data).toBe("2027-06");
  });

  it("a period is late once its due day has passed", () => {
    expect(duePeriods(2027, "quarter", "2027-07-10")).toEqual(["2027-Q1"]);
    expect(duePeriods(2027, "quarter", "2027-07-11")).toEqual(["2027-Q1", "2027-Q2"]);
    expect(duePeriods(2027, "month", "2027-02-11")).toEqual(["2027-01"]);
  });
});
