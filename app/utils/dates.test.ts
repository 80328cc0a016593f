import { describe, expect, it } from "vitest";

import { addDays, addYears, isCalendarDate, today } from "./dates";

describe("Beijing calendar days", () => {
  it("is already tomorrow in Beijing between 00:00 and 08:00, when UTC is still today", () => {
    // 2027-01-15 07:30 in Beijing is 2027-01-14 23:30 UTC.
    const early = new Date("2027-01-14T23:30:00Z");
    expect(early.toISOString().slice(0, 10)).toBe("2027-01-14");
    expect(today(early)).toBe("2027-01-15");
  });

  it("adds days and years across month and leap-day ends", () => {
    expect(addDays("2026-12-20", 28)).toBe("2027-01-17");
    expect(addYears("2026-01-15", 1)).toBe("2027-01-15");
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
  });

  it("knows a calendar day from something that looks like one", () => {
    expect(isCalendarDate("2027-02-28")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2027-2-3")).toBe(false);
    expect(isCalendarDate("")).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });
});
