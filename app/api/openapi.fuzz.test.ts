// The API against its own description: for every operation of the OpenAPI
// document, valid and malformed bodies, ids and query strings, sent as the
// right person, the wrong one, another town or nobody. No answer may be a
// 5xx; every answer is JSON (the Word file apart) and matches the
// description's schema for its status. (Schemathesis plays this part
// elsewhere; it comes from a registry these machines cannot reach.)
import { fc, it as fcIt } from "@fast-check/vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, it } from "vitest";
import type { ZodType } from "zod";

import { describeEachDialect, personOf } from "~db/testing";
import { PLAN_USER_EVENTS } from "~workflows/plan";
import { SECTION_USER_EVENTS } from "~workflows/section";

import { markdownToContent } from "~/editor/content.server";
import { createToken } from "~/models/api-token.server";
import { createPlan, listTargets } from "~/models/plan.server";
import { listSections } from "~/models/section.server";
import * as planApproval from "~/routes/api.v1.plans.$planId.approval";
import * as commitment from "~/routes/api.v1.plans.$planId.commitments.$commitmentId";
import * as commitments from "~/routes/api.v1.plans.$planId.commitments";
import * as planEvents from "~/routes/api.v1.plans.$planId.events";
import * as exportDocx from "~/routes/api.v1.plans.$planId.export[.]docx";
import * as exportPdf from "~/routes/api.v1.plans.$planId.export[.]pdf";
import * as planTargets from "~/routes/api.v1.plans.$planId.targets";
import * as targetProgress from "~/routes/api.v1.plans.$planId.targets.$targetId.progress";
import * as confirmProgress from "~/routes/api.v1.plans.$planId.targets.$targetId.progress.confirm";
import * as planTexts from "~/routes/api.v1.plans.$planId.texts";
import * as plan from "~/routes/api.v1.plans.$planId";
import * as importPlan from "~/routes/api.v1.plans.import";
import * as plans from "~/routes/api.v1.plans";
import * as me from "~/routes/api.v1.me";
import * as sectionChanges from "~/routes/api.v1.sections.$sectionId.changes";
import * as sectionComments from "~/routes/api.v1.sections.$sectionId.comments";
import * as sectionContent from "~/routes/api.v1.sections.$sectionId.content";
import * as sectionEvents from "~/routes/api.v1.sections.$sectionId.events";
import * as sectionRevisions from "~/routes/api.v1.sections.$sectionId.revisions";
import * as section from "~/routes/api.v1.sections.$sectionId";
import * as tokens from "~/routes/api.v1.tokens";
import * as token from "~/routes/api.v1.tokens.$tokenId";

import { openApiDocument } from "./openapi.server";
import { type Operation, OPERATIONS } from "./operations";
import { ErrorAnswer } from "./responses";
import { call } from "./testing";

const ROUTES: Record<string, Parameters<typeof call>[0]> = {
  "/me": me,
  "/plans": plans,
  "/plans/{planId}": plan,
  "/plans/import": importPlan,
  "/plans/{planId}/events": planEvents,
  "/plans/{planId}/approval": planApproval,
  "/plans/{planId}/texts": planTexts,
  "/plans/{planId}/targets": planTargets,
  "/plans/{planId}/targets/{targetId}/progress": targetProgress,
  "/plans/{planId}/targets/{targetId}/progress/confirm": confirmProgress,
  "/plans/{planId}/commitments": commitments,
  "/plans/{planId}/commitments/{commitmentId}": commitment,
  "/plans/{planId}/export.docx": exportDocx,
  "/plans/{planId}/export.pdf": exportPdf,
  "/sections/{sectionId}": section,
  "/sections/{sectionId}/content": sectionContent,
  "/sections/{sectionId}/events": sectionEvents,
  "/sections/{sectionId}/revisions": sectionRevisions,
  "/sections/{sectionId}/changes": sectionChanges,
  "/sections/{sectionId}/comments": sectionComments,
  "/tokens": tokens,
  "/tokens/{tokenId}": token,
};

it("the description is a valid OpenAPI 3.1 document covering every API route", async () => {
  const document = openApiDocument();
  const result = await new Validator().validate(
    structuredClone(document) as unknown as Record<string, unknown>,
  );
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(document.paths ?? {}).sort());
});

/** Strings a fuzzer should try: empty, odd, long, encoded, Chinese, NUL. */
const oddText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    "",
    " ",
    "0",
    "-1",
    "null",
    "%",
    "%E4",
    "../x",
    "示例镇",
    "\u0000",
    "a".repeat(300),
  ),
);

/** Bodies that are not what the operation takes. */
const malformed = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom("{", "[]", "null", '{"baseVersion":"x"}', '{"type":{}}'),
);

const version = fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constantFrom(1e12, 0.5, "3"));

const editorContent = fc
  .string({ maxLength: 40 })
  .map((text) => markdownToContent(`# 经济发展\n\n${text.replace(/[#*`_>\\-]/g, "")}`));

type Ids = {
  planId: string;
  sectionId: string;
  tokenId: string;
  targetId: string;
  commitmentId: string;
};

/** The ids exist only once the first test has made them: read them when a case is drawn. */
const live = (ids: Ids, key: keyof Ids) => fc.constant(key).map((k) => ids[k]);

/** Bodies of the right shape, with values the app may still refuse. */
function wellFormed(operation: Operation, ids: Ids): fc.Arbitrary<unknown> | null {
  switch (operation.id) {
    case "createPlan":
      return fc.oneof(
        fc.record({
          year: fc.integer({ min: 1990, max: 2110 }),
          kind: fc.constantFrom("工作计划", "工作要点", "工作总结"),
          from: fc.constantFrom("templates", "previous", "summary", "elsewhere"),
        }),
        fc.record({
          kind: fc.constantFrom("半年总结", "年度总结"),
          from: fc.oneof(
            live(ids, "planId").map((id) => `plan:${id}`),
            fc.constantFrom("plan:", "plan:x", "templates"),
          ),
        }),
      );
    case "sendPlanEvent":
      return fc.record({
        type: fc.constantFrom(...PLAN_USER_EVENTS, "edit"),
        baseVersion: version,
        reason: oddText,
        sections: fc.array(fc.oneof(live(ids, "sectionId"), fc.constant("x")), { maxLength: 3 }),
        opinions: oddText,
        meetingDate: fc.constantFrom("2026-11-20", "2099-01-01", "2027-02-30", "昨天"),
        meetingNumber: oddText,
        documentNumber: fc.constantFrom("示政发〔2026〕1号", "示政发[2026]1号", ""),
        date: fc.constantFrom("2026-11-20", "2099-01-01", "x"),
      });
    case "putPlanTexts":
      return fc.record({
        preamble: oddText,
        closing: oddText,
        deadline: fc.constantFrom(null, "2027-03-01", "下周"),
        baseVersion: version,
      });
    case "putTargets":
      return fc.record({
        targets: fc.array(
          fc.record({
            name: oddText,
            value: fc.oneof(fc.double({ noNaN: true }), oddText),
            unit: fc.constantFrom("%", "亿元", ""),
            qualifier: fc.constantFrom(null, "以上", "大约"),
            baseline: fc.constantFrom(null, 6, "六"),
            department: fc.constantFrom(null, "经济发展办公室", "不存在的科室"),
          }),
          { maxLength: 4 },
        ),
        baseVersion: version,
      });
    case "putSectionContent":
      return fc.record({ content: fc.oneof(editorContent, fc.jsonValue()), baseVersion: version });
    case "sendSectionEvent":
      return fc.record({
        type: fc.constantFrom(...SECTION_USER_EVENTS, "reopen"),
        baseVersion: version,
        reason: oddText,
      });
    case "addComment":
      return fc.oneof(
        fc.record({ quote: fc.constantFrom("重点项目", "不存在的文字", ""), body: oddText }),
        fc.record({ threadId: fc.oneof(fc.constant("x"), live(ids, "tokenId")), body: oddText }),
      );
    case "importPlan":
      return fc.record({
        text: fc.oneof(
          oddText,
          fc.constant(
            "示例镇2041年工作计划\n\n一、发展经济。招商引资。\n\n二、保障民生。办好实事。",
          ),
        ),
        year: fc.constantFrom("", "2041", "1999", "明年"),
        kind: fc.constantFrom("工作计划", "工作要点", "工作总结"),
        dryRun: fc.constantFrom("true", "false", "x"),
      });
    case "putTargetProgress":
      return fc.record({
        period: fc.constantFrom("2040-Q1", "2040-06", "2040-Q5", ""),
        actual: fc.oneof(fc.double({ noNaN: true }), oddText),
        note: oddText,
        baseVersion: version,
      });
    case "confirmTargetProgress":
      return fc.record({ period: fc.constantFrom("2040-Q1", "2040-13", ""), baseVersion: version });
    case "trackCommitment":
      return fc.record({
        sectionId: fc.oneof(live(ids, "sectionId"), oddText),
        name: oddText,
        value: fc.oneof(fc.constantFrom("5", "3.2", "-1"), oddText),
        unit: oddText,
        qualifier: fc.constantFrom("以上", "以内", "大约", undefined),
        source: oddText,
      });
    case "createToken":
      return fc.record({ name: oddText });
    default:
      return null;
  }
}

function pathOf(operation: Operation, values: Record<string, string>): string {
  return `/api/v1${operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ""),
  )}`;
}

function documentedStatuses(operation: Operation): number[] {
  const input = operation.body ? [413, 415, 422] : operation.query ? [422] : [];
  const dryRun = operation.dryRunOk ? [operation.dryRunOk.status] : [];
  return [operation.ok.status, ...dryRun, 400, 401, 429, ...operation.refusals, ...input];
}

/** A well-formed upload's fields as the form it is sent as; anything else as it is. */
function formOf(operation: Operation, body: unknown): FormData | undefined {
  if (operation.bodyType !== "multipart" || !body || typeof body !== "object") return undefined;
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) form.append(key, String(value));
  return form;
}

describeEachDialect(
  "API fuzzing against its OpenAPI description",
  (t) => {
    const callers: Record<string, string | null> = { nobody: null, garbage: "ap_not-a-token" };
    const ids: Ids = { planId: "", sectionId: "", tokenId: "", targetId: "", commitmentId: "" };

    it("prepares a plan and tokens for every kind of caller", async () => {
      for (const username of ["coordinator", "econ", "leader1", "mayor", "coordinator2"]) {
        const person = await personOf(t.db, username);
        const made = await createToken(person.id, "fuzz");
        callers[username] = made.token;
        if (username === "econ") ids.tokenId = made.id;
      }
      const coordinator = await personOf(t.db, "coordinator");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2040, kind: "工作计划", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      ids.planId = created.planId;
      ids.sectionId = (await listSections(coordinator.townId, created.planId))[0]!.id;
      ids.targetId = (await listTargets(coordinator.townId, created.planId))[0]!.id;
      // A plan's target where a commitment is expected: refused, never a 5xx.
      ids.commitmentId = ids.targetId;
    });

    for (const operation of OPERATIONS) {
      const route = ROUTES[operation.path]!;
      // Mostly a real id of the town, sometimes anything at all.
      const param = (name: string) =>
        fc.oneof(
          { weight: 2, arbitrary: live(ids, name as keyof Ids) },
          { weight: 1, arbitrary: oddText },
        );
      const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const request = fc.record({
        caller: fc.constantFrom(
          "coordinator",
          "econ",
          "leader1",
          "mayor",
          "coordinator2",
          "nobody",
          "garbage",
        ),
        params: fc.record(Object.fromEntries(names.map((name) => [name, param(name)]))),
        query: fc.dictionary(
          fc.constantFrom("limit", "offset", "section", "actor", "event", "x"),
          oddText,
          {
            maxKeys: 3,
          },
        ),
        body: operation.body
          ? fc.oneof(wellFormed(operation, ids) ?? malformed, malformed, fc.constant(undefined))
          : fc.constant(undefined),
      });

      fcIt.prop([request], { numRuns: 50 })(
        `${operation.method.toUpperCase()} ${operation.path}: no 5xx, answers as described`,
        async ({ caller, params, query, body }) => {
          const search = new URLSearchParams(query).toString();
          const answer = await call(route, {
            method: operation.method.toUpperCase() as "GET",
            path:
              pathOf(operation, params as Record<string, string>) + (search ? `?${search}` : ""),
            params: params as Record<string, string>,
            token: callers[caller] ?? null,
            ...(formOf(operation, body) ? { form: formOf(operation, body) } : { body }),
          });
          const label = `${caller} ${JSON.stringify(params)} ${JSON.stringify(body)?.slice(0, 200)}`;
          expect(answer.status, label).toBeLessThan(500);
          expect(documentedStatuses(operation), label).toContain(answer.status);
          if (answer.status === operation.ok.status && typeof operation.ok.schema === "string") {
            expect(answer.response.headers.get("Content-Type")).toContain(
              operation.ok.schema === "pdf" ? "application/pdf" : "wordprocessingml",
            );
            return;
          }
          expect(answer.json, label).not.toBeNull();
          const schema: ZodType =
            answer.status === operation.ok.status
              ? (operation.ok.schema as ZodType)
              : answer.status === operation.dryRunOk?.status
                ? operation.dryRunOk.schema
                : ErrorAnswer;
          const checked = schema.safeParse(answer.json);
          expect(checked.success, `${label} → ${JSON.stringify(answer.json).slice(0, 300)}`).toBe(
            true,
          );
          if (answer.status >= 400) expect(answer.json.error.message).toMatch(/[\u4e00-\u9fff]/);
        },
      );
    }
  },
  { seed: true },
);
