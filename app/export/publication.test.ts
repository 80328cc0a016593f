import { describe, expect, it } from "vitest";

import {
  addresseeLine,
  copyToLine,
  defaultPublishing,
  PLAIN_CHOICE,
  publicationFromJson,
  publicationOf,
  publishingFromJson,
} from "./publication";

describe("the town's publishing settings", () => {
  it("default to the town's own bodies and 党政办", () => {
    expect(defaultPublishing("示例镇")).toMatchObject({
      partyName: "中共示例镇委员会",
      governmentName: "示例镇人民政府",
      printer: "示例镇党政办公室",
    });
  });

  it("read stored values over the defaults; broken JSON gives the defaults", () => {
    const stored = JSON.stringify({ copyTo: " 县委办公室 ", printer: 7 });
    expect(publishingFromJson(stored, "示例镇")).toMatchObject({
      copyTo: "县委办公室",
      printer: "示例镇党政办公室",
    });
    expect(publishingFromJson("{", "示例镇")).toEqual(defaultPublishing("示例镇"));
  });
});

describe("a publication", () => {
  const town = defaultPublishing("示例镇");

  it("names the issuers the choice asks for, the lead body first", () => {
    const issuers = (issuer: "government" | "party" | "joint") =>
      publicationOf({ ...PLAIN_CHOICE, issuer }, town).issuers;
    expect(issuers("government")).toEqual(["示例镇人民政府"]);
    expect(issuers("party")).toEqual(["中共示例镇委员会"]);
    expect(issuers("joint")).toEqual(["中共示例镇委员会", "示例镇人民政府"]);
  });

  it("round-trips through JSON; anything unreadable is no publication", () => {
    const publication = publicationOf({ ...PLAIN_CHOICE, format: "file", sealed: true }, town);
    expect(publicationFromJson(JSON.stringify(publication))).toEqual(publication);
    expect(publicationFromJson(JSON.stringify({ ...publication, format: "poster" }))).toBeNull();
    expect(publicationFromJson(JSON.stringify({ ...publication, issuers: [] }))).toBeNull();
    expect(publicationFromJson("not json")).toBeNull();
    expect(publicationFromJson(null)).toBeNull();
  });
});

describe("版记 and 主送 wording", () => {
  it("抄送 names are separated by ，and end with a full stop, whatever the town typed", () => {
    expect(copyToLine("县委办公室、县政府办公室,县人大办。")).toBe(
      "抄送：县委办公室，县政府办公室，县人大办。",
    );
    expect(copyToLine("  ")).toBeNull();
  });

  it("主送 ends with a full-width colon", () => {
    expect(addresseeLine("各村（社区），镇属各部门:")).toBe("各村（社区），镇属各部门：");
    expect(addresseeLine("")).toBeNull();
  });
});
