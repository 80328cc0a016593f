import { describe, expect, it } from "vitest";

import { deadlineStatus } from "./deadline";

// 2027-03-10 09:00 in Beijing.
const now = new Date("2027-03-10T01:00:00Z");

describe("deadlineStatus", () => {
  it("marks a passed deadline as overdue, but not on the day itself", () => {
    expect(deadlineStatus("2027-03-09", false, now)).toBe("overdue");
    expect(deadlineStatus("2027-03-10", false, now)).toBe("dueSoon");
  });

  it("flags sections due within three days, not later ones", () => {
    expect(deadlineStatus("2027-03-13", false, now)).toBe("dueSoon");
    expect(deadlineStatus("2027-03-14", false, now)).toBeNull();
  });

  it("never flags finished work or a missing deadline", () => {
    expect(deadlineStatus("2027-03-01", true, now)).toBeNull();
    expect(deadlineStatus(null, false, now)).toBeNull();
  });

  it("counts days in Beijing time, whatever the server's zone", () => {
    // 2027-03-10 23:30 UTC is already 03-11 in Beijing.
    expect(deadlineStatus("2027-03-10", false, new Date("2027-03-10T23:30:00Z"))).toBe("overdue");
  });
});
