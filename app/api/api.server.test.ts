import { createHash } from "node:crypto";

import { expect, it } from "vitest";

import { demoSectionPeople } from "~db/seed-demo";
import { describeEachDialect, markPublished, personOf } from "~db/testing";

import { markdownToContent } from "~/editor/content.server";
import { createToken, revokeToken } from "~/models/api-token.server";
import { createPlan, getPlan, replaceTargets } from "~/models/plan.server";
import { listSections } from "~/models/section.server";
import * as planEvents from "~/routes/api.v1.plans.$planId.events";
import * as exportDocx from "~/routes/api.v1.plans.$planId.export[.]docx";
import * as planTargets from "~/routes/api.v1.plans.$planId.targets";
import * as targetProgress from "~/routes/api.v1.plans.$planId.targets.$targetId.progress";
import * as confirmProgress from "~/routes/api.v1.plans.$planId.targets.$targetId.progress.confirm";
import * as commitment from "~/routes/api.v1.plans.$planId.commitments.$commitmentId";
import * as commitments from "~/routes/api.v1.plans.$planId.commitments";
import * as planTexts from "~/routes/api.v1.plans.$planId.texts";
import * as plan from "~/routes/api.v1.plans.$planId";
import * as plans from "~/routes/api.v1.plans";
import * as me from "~/routes/api.v1.me";
import * as sectionComments from "~/routes/api.v1.sections.$sectionId.comments";
import * as sectionContent from "~/routes/api.v1.sections.$sectionId.content";
import * as sectionEvents from "~/routes/api.v1.sections.$sectionId.events";
import * as sectionRevisions from "~/routes/api.v1.sections.$sectionId.revisions";
import * as section from "~/routes/api.v1.sections.$sectionId";
import * as tokens from "~/routes/api.v1.tokens";
import * as token from "~/routes/api.v1.tokens.$tokenId";
import { today } from "~/utils/dates";
import { createSession } from "~/utils/session.server";

import { call } from "./testing";

const USERS = [
  "coordinator",
  "econ",
  "agri",
  "urban",
  "eco",
  "social",
  "gov",
  "leader1",
  "leader2",
  "leader3",
  "mayor",
  "secretary",
  "coordinator2",
] as const;
type Username = (typeof USERS)[number];

describeEachDialect(
  "JSON API",
  (t) => {
    const tokenOf = {} as Record<Username, string>;
    let planId = "";
    let economyId = "";
    const filled = (title: string) =>
      markdownToContent(`# ${title}\n\n全年引进亿元以上项目5个，完成各项目标任务。`);

    const planOf = async (as: Username) =>
      (
        await call(plan, {
          path: `/api/v1/plans/${planId}`,
          params: { planId },
          token: tokenOf[as],
        })
      ).json;
    const sectionBy = async (kind: string, as: Username = "coordinator") =>
      (await planOf(as)).sections.find((s: { kind: string }) => s.kind === kind);

    it("tokens: made once (also from the signed-in browser), used as the user, revoked for good", async () => {
      for (const username of USERS) {
        const user = await personOf(t.db, username);
        tokenOf[username] = (await createToken(user.id, "测试")).token;
      }
      // The profile page posts with its session cookie.
      const econ = await personOf(t.db, "econ");
      const setCookie = await createSession(new Request("http://localhost/"), econ.id);
      const cookie = setCookie.split(";")[0]!;
      const made = await call(tokens, {
        method: "POST",
        path: "/api/v1/tokens",
        cookie,
        body: { name: "县里的脚本" },
      });
      expect(made.status).toBe(201);
      expect(made.json).toMatchObject({ name: "县里的脚本" });
      expect(made.json.token).toMatch(/^ap_/);
      const stored = await t.db
        .selectFrom("apiTokens")
        .select("tokenHash")
        .where("id", "=", made.json.id)
        .executeTakeFirstOrThrow();
      expect(stored.tokenHash).not.toContain(made.json.token);

      const who = await call(me, { path: "/api/v1/me", token: made.json.token });
      expect(who.json).toMatchObject({
        username: "econ",
        town: { name: "示例镇" },
        roles: ["drafter"],
        department: { name: "经济发展办公室" },
      });
      const listed = await call(tokens, { path: "/api/v1/tokens", token: made.json.token });
      expect(listed.json.tokens.map((x: { name: string }) => x.name)).toContain("县里的脚本");

      const revoked = await call(token, {
        method: "DELETE",
        path: `/api/v1/tokens/${made.json.id}`,
        params: { tokenId: made.json.id },
        cookie,
      });
      expect(revoked.status).toBe(200);
      const after = await call(me, { path: "/api/v1/me", token: made.json.token });
      expect(after.status).toBe(401);
      expect(after.json.error.code).toBe("unauthenticated");
      expect((await call(me, { path: "/api/v1/me" })).status).toBe(401);
      expect((await call(me, { path: "/api/v1/me", token: "ap_made-up" })).status).toBe(401);
      // Someone else's token id is not found, never revoked.
      const other = await createToken((await personOf(t.db, "agri")).id, "别人的");
      const foreign = await call(token, {
        method: "DELETE",
        path: `/api/v1/tokens/${other.id}`,
        params: { tokenId: other.id },
        token: tokenOf.econ,
      });
      expect(foreign.status).toBe(404);
    });

    it("a deactivated user's tokens stop working", async () => {
      const urban = await personOf(t.db, "urban");
      const spare = await createToken(urban.id, "备用");
      await t.db.updateTable("users").set({ isActive: 0 }).where("id", "=", urban.id).execute();
      expect((await call(me, { path: "/api/v1/me", token: spare.token })).status).toBe(401);
      await t.db.updateTable("users").set({ isActive: 1 }).where("id", "=", urban.id).execute();
      expect((await call(me, { path: "/api/v1/me", token: spare.token })).status).toBe(200);
      await revokeToken(urban, spare.id);
    });

    it("plans: created by the coordinator only, listed, shown with allowed events", async () => {
      const body = { year: 2032, kind: "工作计划", from: "templates" };
      expect(
        (await call(plans, { method: "POST", path: "/api/v1/plans", token: tokenOf.econ, body }))
          .status,
      ).toBe(403);
      expect(
        (
          await call(plans, {
            method: "POST",
            path: "/api/v1/plans",
            token: tokenOf.coordinator,
            body: "{year:",
          })
        ).status,
      ).toBe(400);
      const bad = await call(plans, {
        method: "POST",
        path: "/api/v1/plans",
        token: tokenOf.coordinator,
        body: { ...body, kind: "计划" },
      });
      expect(bad.status).toBe(422);
      expect(bad.json.error.message).toContain("工作计划");

      const created = await call(plans, {
        method: "POST",
        path: "/api/v1/plans",
        token: tokenOf.coordinator,
        body,
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        year: 2032,
        kind: "工作计划",
        title: "示例镇2032年工作计划",
        state: "drafting",
      });
      expect(created.json.sections.map((s: { kind: string }) => s.kind)).toEqual([
        "economy",
        "agriculture",
        "urban",
        "ecology",
        "livelihood",
        "governance",
      ]);
      planId = created.json.id;
      economyId = created.json.sections[0].id;
      const again = await call(plans, {
        method: "POST",
        path: "/api/v1/plans",
        token: tokenOf.coordinator,
        body,
      });
      expect(again.status).toBe(409);

      const list = await call(plans, { path: "/api/v1/plans", token: tokenOf.econ });
      expect(list.json.plans).toContainEqual({
        id: planId,
        year: 2032,
        kind: "工作计划",
        title: "示例镇2032年工作计划",
        state: "drafting",
      });
      expect(
        (await call(plans, { path: "/api/v1/plans", token: tokenOf.coordinator2 })).json.plans.map(
          (p: { id: string }) => p.id,
        ),
      ).not.toContain(planId);

      const economy = await sectionBy("economy", "econ");
      expect(economy).toMatchObject({
        order: 1,
        title: "经济发展",
        department: "经济发展办公室",
        leader: "张建国",
        state: "drafting",
      });
      expect(economy.placeholdersLeft).toBeGreaterThan(0);
      // Placeholders left: the machine does not offer submit yet.
      expect(economy.allowedEvents).toEqual([]);
      expect((await sectionBy("economy", "coordinator")).allowedEvents).toEqual(["remind"]);
      // Another town's id: 404, as if it did not exist.
      const hidden = await call(plan, {
        path: `/api/v1/plans/${planId}`,
        params: { planId },
        token: tokenOf.coordinator2,
      });
      expect(hidden.status).toBe(404);
      expect(hidden.json.error.code).toBe("not_found");
    });

    it("sections: read, saved with a version check, validated", async () => {
      const read = await call(section, {
        path: `/api/v1/sections/${economyId}`,
        params: { sectionId: economyId },
        token: tokenOf.agri,
      });
      expect(read.json).toMatchObject({ id: economyId, kind: "economy", state: "drafting" });
      expect(read.json.text).toContain("聚力项目招引建设");
      expect(read.json.content.root.type).toBe("root");
      const path = `/api/v1/sections/${economyId}/content`;
      const params = { sectionId: economyId };
      const put = (as: Username, body: unknown) =>
        call(sectionContent, { method: "PUT", path, params, token: tokenOf[as], body });

      expect(
        (await put("agri", { content: filled("经济发展"), baseVersion: read.json.version })).status,
      ).toBe(403);
      const saved = await put("econ", {
        content: filled("经济发展"),
        baseVersion: read.json.version,
      });
      expect(saved.status).toBe(200);
      expect(saved.json.version).toBe(read.json.version + 1);
      const stale = await put("econ", { content: filled("另写"), baseVersion: read.json.version });
      expect(stale.status).toBe(409);
      expect(stale.json.savedBy).toBe("王强");
      expect(
        (
          await put("econ", {
            content: { root: { type: "nonsense" } },
            baseVersion: saved.json.version,
          })
        ).status,
      ).toBe(422);
      expect((await put("econ", "{not json")).status).toBe(400);
      const huge = { content: "x".repeat(2.2 * 1024 * 1024), baseVersion: saved.json.version };
      expect((await put("econ", huge)).status).toBe(413);
      expect((await put("coordinator2", { content: filled("x"), baseVersion: 1 })).status).toBe(
        404,
      );

      const revisions = await call(sectionRevisions, {
        path: `${path}/../revisions`,
        params,
        token: tokenOf.econ,
      });
      expect(revisions.json.revisions[0]).toMatchObject({
        version: saved.json.version,
        author: "王强",
      });
    });

    it("section events: submit, forbidden approve, missing reason, stale double approval", async () => {
      const path = `/api/v1/sections/${economyId}/events`;
      const params = { sectionId: economyId };
      const send = (as: Username, body: unknown) =>
        call(sectionEvents, { method: "POST", path, params, token: tokenOf[as], body });
      const version = (await sectionBy("economy")).version;
      expect((await send("econ", { type: "submit" })).status).toBe(422);
      expect((await send("econ", { type: "publish", baseVersion: version })).status).toBe(422);
      const submitted = await send("econ", { type: "submit", baseVersion: version });
      expect(submitted.json).toEqual({ state: "leaderReview", version: version + 1 });
      expect((await send("agri", { type: "approve", baseVersion: version + 1 })).status).toBe(403);
      expect((await send("leader1", { type: "return", baseVersion: version + 1 })).status).toBe(
        422,
      );
      expect(
        (await send("coordinator2", { type: "approve", baseVersion: version + 1 })).status,
      ).toBe(404);
      const approved = await send("leader1", { type: "approve", baseVersion: version + 1 });
      expect(approved.json.state).toBe("approved");
      const twice = await send("leader1", { type: "approve", baseVersion: version + 1 });
      expect(twice.status).toBe(409);
      expect(twice.json.error.message).toMatch(/^已由 张建国 于 .+ 通过/);
      // Editing an approved section while drafting: refused.
      const edit = await call(sectionContent, {
        method: "PUT",
        path: `/api/v1/sections/${economyId}/content`,
        params,
        token: tokenOf.econ,
        body: { content: filled("改"), baseVersion: version + 2 },
      });
      expect(edit.status).toBe(403);
    });

    it("comments: a thread on quoted words and a reply", async () => {
      const path = `/api/v1/sections/${economyId}/comments`;
      const params = { sectionId: economyId };
      const made = await call(sectionComments, {
        method: "POST",
        path,
        params,
        token: tokenOf.leader1,
        body: { quote: "亿元以上项目5个", body: "偏少。" },
      });
      expect(made.status).toBe(201);
      const threadId = made.json.threads[0].id;
      await call(sectionComments, {
        method: "POST",
        path,
        params,
        token: tokenOf.econ,
        body: { threadId, body: "明年再提高。" },
      });
      const listed = await call(sectionComments, { path, params, token: tokenOf.mayor });
      expect(listed.json.threads[0]).toMatchObject({
        quote: "亿元以上项目5个",
        body: "偏少。",
        replies: [{ author: "王强", body: "明年再提高。" }],
      });
      expect(
        (
          await call(sectionComments, {
            method: "POST",
            path,
            params,
            token: tokenOf.leader1,
            body: { body: "缺引文" },
          })
        ).status,
      ).toBe(422);
      const badOccurrence = await call(sectionComments, {
        method: "POST",
        path,
        params,
        token: tokenOf.leader1,
        body: { quote: "亿元", occurrence: -1, body: "第几处？" },
      });
      expect(badOccurrence.status).toBe(422);
      expect(badOccurrence.json.error.message).toContain("occurrence 不能为负数");
    });

    it("targets: read by anyone, replaced by the coordinator with validated rows", async () => {
      const path = `/api/v1/plans/${planId}/targets`;
      const params = { planId };
      const read = await call(planTargets, { path, params, token: tokenOf.econ });
      expect(read.json.targets[0]).toMatchObject({
        name: "地区生产总值增长",
        value: 6,
        unit: "%",
        qualifier: "以上",
      });
      const rows = [
        {
          name: "地区生产总值增长",
          value: 6.5,
          unit: "%",
          qualifier: "以上",
          baseline: 6,
          department: "经济发展办公室",
        },
      ];
      expect(
        (
          await call(planTargets, {
            method: "PUT",
            path,
            params,
            token: tokenOf.econ,
            body: { targets: rows },
          })
        ).status,
      ).toBe(403);
      const { version } = (
        await call(planTexts, { path: `${path}/../texts`, params, token: tokenOf.econ })
      ).json;
      const missingVersion = await call(planTargets, {
        method: "PUT",
        path,
        params,
        token: tokenOf.coordinator,
        body: { targets: rows },
      });
      expect(missingVersion.status).toBe(422);
      expect(missingVersion.json.error.message).toContain("baseVersion");
      const badValue = await call(planTargets, {
        method: "PUT",
        path,
        params,
        token: tokenOf.coordinator,
        body: { targets: [{ ...rows[0], value: "六" }], baseVersion: version },
      });
      expect(badValue.status).toBe(422);
      expect(badValue.json.error.message).toContain("目标值应为数字");
      const badQualifier = await call(planTargets, {
        method: "PUT",
        path,
        params,
        token: tokenOf.coordinator,
        body: { targets: [{ ...rows[0], qualifier: "左右吧" }], baseVersion: version },
      });
      expect(badQualifier.status).toBe(422);
      const badDepartment = await call(planTargets, {
        method: "PUT",
        path,
        params,
        token: tokenOf.coordinator,
        body: { targets: [{ ...rows[0], department: "外星办公室" }], baseVersion: version },
      });
      expect(badDepartment.status).toBe(422);
      const put = await call(planTargets, {
        method: "PUT",
        path,
        params,
        token: tokenOf.coordinator,
        body: { targets: rows, baseVersion: version },
      });
      // Each target carries its id (for its progress, below).
      expect(put.json.targets).toEqual(rows.map((row) => ({ id: expect.any(String), ...row })));
      // The same version again is a stale page now: 409 and nothing replaced.
      const stale = await call(planTargets, {
        method: "PUT",
        path,
        params,
        token: tokenOf.coordinator,
        body: { targets: [], baseVersion: version },
      });
      expect(stale.status).toBe(409);
      expect(stale.json.error.message).toMatch(/^内容已由 李静 于 \d\d:\d\d 修改/);
      expect((await call(planTargets, { path, params, token: tokenOf.econ })).json.targets).toEqual(
        put.json.targets,
      );
    });

    it("every endpoint: 401 without or with a revoked token, 404 for another town's ids, 400 for malformed JSON", async () => {
      const stranger = await personOf(t.db, "coordinator2");
      const revoked = await createToken(stranger.id, "已撤销");
      await revokeToken(stranger, revoked.id);
      const s = economyId;
      const endpoints = [
        { route: me, method: "GET", path: "/api/v1/me", params: {} },
        { route: plans, method: "GET", path: "/api/v1/plans", params: {} },
        { route: plans, method: "POST", path: "/api/v1/plans", params: {}, body: true },
        {
          route: plan,
          method: "GET",
          path: `/api/v1/plans/${planId}`,
          params: { planId },
          scoped: true,
        },
        {
          route: planEvents,
          method: "GET",
          path: `/api/v1/plans/${planId}/events`,
          params: { planId },
          scoped: true,
        },
        {
          route: planEvents,
          method: "POST",
          path: `/api/v1/plans/${planId}/events`,
          params: { planId },
          scoped: true,
          body: true,
        },
        {
          route: planTargets,
          method: "GET",
          path: `/api/v1/plans/${planId}/targets`,
          params: { planId },
          scoped: true,
        },
        {
          route: planTargets,
          method: "PUT",
          path: `/api/v1/plans/${planId}/targets`,
          params: { planId },
          scoped: true,
          body: true,
        },
        {
          route: exportDocx,
          method: "GET",
          path: `/api/v1/plans/${planId}/export.docx`,
          params: { planId },
          scoped: true,
        },
        {
          route: section,
          method: "GET",
          path: `/api/v1/sections/${s}`,
          params: { sectionId: s },
          scoped: true,
        },
        {
          route: sectionContent,
          method: "PUT",
          path: `/api/v1/sections/${s}/content`,
          params: { sectionId: s },
          scoped: true,
          body: true,
        },
        {
          route: sectionEvents,
          method: "POST",
          path: `/api/v1/sections/${s}/events`,
          params: { sectionId: s },
          scoped: true,
          body: true,
        },
        {
          route: sectionRevisions,
          method: "GET",
          path: `/api/v1/sections/${s}/revisions`,
          params: { sectionId: s },
          scoped: true,
        },
        {
          route: sectionComments,
          method: "GET",
          path: `/api/v1/sections/${s}/comments`,
          params: { sectionId: s },
          scoped: true,
        },
        {
          route: sectionComments,
          method: "POST",
          path: `/api/v1/sections/${s}/comments`,
          params: { sectionId: s },
          scoped: true,
          body: true,
        },
        { route: tokens, method: "GET", path: "/api/v1/tokens", params: {} },
        { route: tokens, method: "POST", path: "/api/v1/tokens", params: {}, body: true },
      ] as const;
      const valid: Record<string, object> = {
        [`/api/v1/plans/${planId}/events`]: { type: "startCompiling", baseVersion: 1 },
        [`/api/v1/plans/${planId}/targets`]: { targets: [] },
        [`/api/v1/sections/${s}/content`]: { content: filled("x"), baseVersion: 1 },
        [`/api/v1/sections/${s}/events`]: { type: "submit", baseVersion: 1 },
        [`/api/v1/sections/${s}/comments`]: { quote: "亿元", body: "看看" },
      };
      for (const e of endpoints) {
        const request = { method: e.method, path: e.path, params: e.params } as const;
        const label = `${e.method} ${e.path}`;
        const anonymous = await call(e.route, request);
        expect(anonymous.status, label).toBe(401);
        expect(anonymous.json.error.code, label).toBe("unauthenticated");
        expect((await call(e.route, { ...request, token: revoked.token })).status, label).toBe(401);
        if ("scoped" in e) {
          const hidden = await call(e.route, {
            ...request,
            token: tokenOf.coordinator2,
            body: e.method === "GET" ? undefined : valid[e.path],
          });
          expect(hidden.status, label).toBe(404);
          expect(hidden.json.error.code, label).toBe("not_found");
        }
        if ("body" in e) {
          const malformed = await call(e.route, {
            ...request,
            token: tokenOf.coordinator,
            body: "{oops",
          });
          expect(malformed.status, label).toBe(400);
          expect(malformed.json.error.code, label).toBe("bad_request");
        }
      }
    });

    it("a token that calls too often is told to wait (429, Retry-After)", async () => {
      const mayor = await personOf(t.db, "mayor");
      const busy = await createToken(mayor.id, "批量脚本");
      for (let i = 0; i < 5; i++) {
        const ok = await call(me, { path: "/api/v1/me", token: busy.token });
        if (ok.status !== 200) throw new Error(`call ${i} answered ${ok.status}`);
      }
      // The rest of the minute's 600, made by other server processes: they share the count.
      const key = `api:${createHash("sha256").update(busy.token).digest("hex").slice(0, 32)}`;
      await t.db.updateTable("rateCounters").set({ count: 600 }).where("key", "=", key).execute();
      const refused = await call(me, { path: "/api/v1/me", token: busy.token });
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe("too_many_requests");
      expect(Number(refused.response.headers.get("Retry-After"))).toBeGreaterThan(0);
      // Other tokens are not held up.
      expect((await call(me, { path: "/api/v1/me", token: tokenOf.mayor })).status).toBe(200);
    });

    it("the whole journey through the API only, leaving its audit trail", async () => {
      const send = (
        route: typeof sectionEvents | typeof planEvents,
        kind: "sections" | "plans",
        id: string,
        as: Username,
        body: object,
      ) =>
        call(route, {
          method: "POST",
          path: `/api/v1/${kind}/${id}/events`,
          params: kind === "sections" ? { sectionId: id } : { planId: id },
          token: tokenOf[as],
          body,
        });
      /** An event that must succeed; answers its JSON. */
      const post = async (...args: Parameters<typeof send>) => {
        const result = await send(...args);
        expect(result.status, JSON.stringify(result.json)).toBe(200);
        return result.json;
      };
      /** A plan event that may be refused; answers the whole response. */
      const tryPlanEvent = (as: Username, body: object) =>
        send(planEvents, "plans", planId, as, body);
      const people = Object.entries(demoSectionPeople()).filter(([kind]) => kind !== "economy");
      for (const [kind, { drafter: d, leader: l }] of people) {
        const drafter = d as Username;
        const leader = l as Username;
        const s = await sectionBy(kind, drafter);
        const saved = await call(sectionContent, {
          method: "PUT",
          path: `/api/v1/sections/${s.id}/content`,
          params: { sectionId: s.id },
          token: tokenOf[drafter],
          body: { content: filled(s.title), baseVersion: s.version },
        });
        expect((await sectionBy(kind, drafter)).allowedEvents).toEqual(["submit"]);
        const submitted = await post(sectionEvents, "sections", s.id, drafter, {
          type: "submit",
          baseVersion: saved.json.version,
        });
        if (kind === "urban") {
          const returned = await post(sectionEvents, "sections", s.id, "leader1", {
            type: "return",
            reason: "请补充老旧小区改造数量。",
            baseVersion: submitted.version,
          });
          const again = await post(sectionEvents, "sections", s.id, drafter, {
            type: "submit",
            baseVersion: returned.version,
          });
          await post(sectionEvents, "sections", s.id, leader, {
            type: "approve",
            baseVersion: again.version,
          });
        } else {
          await post(sectionEvents, "sections", s.id, leader, {
            type: "approve",
            baseVersion: submitted.version,
          });
        }
      }
      let p = await planOf("coordinator");
      expect(p.allowedEvents).toEqual(["startCompiling"]);
      let step = await post(planEvents, "plans", planId, "coordinator", {
        type: "startCompiling",
        baseVersion: p.version,
      });
      // 【】 left in 形势与总体要求 hold the plan back; the coordinator fills them through the API.
      const textsPath = `/api/v1/plans/${planId}/texts`;
      const texts = await call(planTexts, {
        path: textsPath,
        params: { planId },
        token: tokenOf.econ,
      });
      expect(texts.json.placeholders).toBe(3);
      const early = await tryPlanEvent("coordinator", {
        type: "submitToMayor",
        baseVersion: step.version,
      });
      expect(early.status).toBe(422);
      expect(early.json.error.message).toContain("还有 3 处【】待填写");
      const ownText = {
        preamble: texts.json.preamble.replace(/【[^】]*】/g, "全面推进乡村振兴的关键一年"),
        closing: texts.json.closing,
      };
      const put = (as: Username, body: object) =>
        call(planTexts, {
          method: "PUT",
          path: textsPath,
          params: { planId },
          token: tokenOf[as],
          body,
        });
      expect((await put("econ", ownText)).status).toBe(403);
      expect((await put("coordinator", ownText)).status).toBe(422); // no baseVersion
      const badDate = await put("coordinator", {
        ...ownText,
        deadline: "明年一月",
        baseVersion: texts.json.version,
      });
      expect(badDate.status).toBe(422);
      expect(badDate.json.error.message).toContain("截止日期不是有效的日期");
      const saved = await put("coordinator", { ...ownText, baseVersion: texts.json.version });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({ placeholders: 0, deadline: null });
      expect(saved.json.preamble).toContain("全面推进乡村振兴的关键一年");
      expect(saved.json.version).toBe(texts.json.version + 1);
      // An event named with the version before the edit is a stale page.
      const staleEvent = await tryPlanEvent("coordinator", {
        type: "submitToMayor",
        baseVersion: step.version,
      });
      expect(staleEvent.status).toBe(409);
      step = await post(planEvents, "plans", planId, "coordinator", {
        type: "submitToMayor",
        baseVersion: saved.json.version,
      });
      // Not while the mayor has it: then only the mayor changes the plan's own text.
      expect((await put("coordinator", { ...ownText, baseVersion: step.version })).status).toBe(
        403,
      );
      p = await planOf("mayor");
      expect(p.allowedEvents).toEqual(["approve", "return"]);
      step = await post(planEvents, "plans", planId, "mayor", {
        type: "approve",
        baseVersion: step.version,
      });
      const noMeeting = await tryPlanEvent("secretary", {
        type: "approveWithAmendments",
        opinions: "压减一般性表述。",
        baseVersion: step.version,
      });
      expect(noMeeting.status).toBe(422);
      expect(noMeeting.json.error.message).toBe(
        "请填写党委会的会议日期（年-月-日）。（meetingDate）",
      );
      const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
      const futureMeeting = await tryPlanEvent("secretary", {
        type: "approveWithAmendments",
        meetingDate: tomorrow,
        meetingNumber: "第1次党委会",
        opinions: "压减一般性表述。",
        baseVersion: step.version,
      });
      expect(futureMeeting.status).toBe(422);
      expect(futureMeeting.json.error.message).toBe(
        "会议日期不能晚于今天，请核对。（meetingDate）",
      );
      const noOpinions = await tryPlanEvent("secretary", {
        type: "approveWithAmendments",
        meetingDate: "2026-11-05",
        meetingNumber: "2026年第11次党委会",
        baseVersion: step.version,
      });
      expect(noOpinions.status).toBe(422);
      expect(noOpinions.json.error.message).toContain("请填写党委会审议意见");
      step = await post(planEvents, "plans", planId, "secretary", {
        type: "approveWithAmendments",
        meetingDate: "2026-11-05",
        meetingNumber: "2026年第11次党委会",
        opinions: "第三部分压减一般性表述，突出项目化。",
        baseVersion: step.version,
      });
      step = await post(planEvents, "plans", planId, "coordinator", {
        type: "finalize",
        baseVersion: step.version,
      });
      const day = today();
      const noNumber = await tryPlanEvent("coordinator", {
        type: "publish",
        baseVersion: step.version,
        date: day,
      });
      expect(noNumber.status).toBe(422);
      const badNumber = await tryPlanEvent("coordinator", {
        type: "publish",
        documentNumber: `示政发[${day.slice(0, 4)}]1号`,
        date: day,
        baseVersion: step.version,
      });
      expect(badNumber.status).toBe(422);
      expect(badNumber.json.error.message).toContain("六角括号");
      step = await post(planEvents, "plans", planId, "coordinator", {
        type: "publish",
        documentNumber: `示政发〔${day.slice(0, 4)}〕1号`,
        date: day,
        baseVersion: step.version,
      });
      expect(step.state).toBe("published");
      const late = await tryPlanEvent("mayor", {
        type: "return",
        reason: "晚了",
        baseVersion: step.version,
      });
      // A published plan is final: nothing may happen to it any more.
      expect(late.status).toBe(409);

      const trail = await call(planEvents, {
        path: `/api/v1/plans/${planId}/events`,
        params: { planId },
        token: tokenOf.econ,
      });
      const types = trail.json.events.map((e: { type: string }) => e.type).reverse();
      expect(types.filter((x: string) => x === "approve")).toHaveLength(7); // six sections + the mayor
      for (const step of [
        "startCompiling",
        "submitToMayor",
        "approveWithAmendments",
        "finalize",
        "publish",
      ]) {
        expect(types).toContain(step);
      }
      const ret = trail.json.events.find((e: { type: string }) => e.type === "return");
      expect(ret).toMatchObject({
        subject: "城镇建设",
        actor: { name: "张建国" },
        reason: "请补充老旧小区改造数量。",
        from: "leaderReview",
        to: "returned",
      });
      const filtered = await call(planEvents, {
        path: `/api/v1/plans/${planId}/events?event=publish`,
        params: { planId },
        token: tokenOf.econ,
      });
      expect(filtered.json.events).toHaveLength(1);
      expect(filtered.json.events[0].note).toContain(`示政发〔${day.slice(0, 4)}〕1号`);
      const decided = await call(planEvents, {
        path: `/api/v1/plans/${planId}/events?event=approveWithAmendments`,
        params: { planId },
        token: tokenOf.econ,
      });
      expect(decided.json.events[0].note).toBe("党委会：2026年第11次党委会，2026-11-05");

      // Pages of the trail join up to the whole of it; a bad page size is a 422.
      expect(trail.json.hasMore).toBe(false);
      const firstPage = await call(planEvents, {
        path: `/api/v1/plans/${planId}/events?limit=5`,
        params: { planId },
        token: tokenOf.econ,
      });
      const secondPage = await call(planEvents, {
        path: `/api/v1/plans/${planId}/events?limit=5&offset=5`,
        params: { planId },
        token: tokenOf.econ,
      });
      expect(firstPage.json.hasMore).toBe(true);
      const ids = (page: typeof trail) => page.json.events.map((e: { id: string }) => e.id);
      expect([...ids(firstPage), ...ids(secondPage)]).toEqual(ids(trail).slice(0, 10));
      const tooMany = await call(planEvents, {
        path: `/api/v1/plans/${planId}/events?limit=1000`,
        params: { planId },
        token: tokenOf.econ,
      });
      expect(tooMany.status).toBe(422);
      expect(tooMany.json.error.message).toContain("limit 最多为 500");

      const file = await call(exportDocx, {
        path: `/api/v1/plans/${planId}/export.docx`,
        params: { planId },
        token: tokenOf.econ,
      });
      expect(file.status).toBe(200);
      expect(file.response.headers.get("Content-Disposition")).toContain(
        encodeURIComponent("示例镇2032年工作计划.docx"),
      );
      const again = await call(exportDocx, {
        path: `/api/v1/plans/${planId}/export.docx`,
        params: { planId },
        token: tokenOf.mayor,
      });
      expect(again.response.headers.get("X-Content-SHA256")).toBe(
        file.response.headers.get("X-Content-SHA256"),
      );
      expect(
        (
          await call(exportDocx, {
            path: `/api/v1/plans/${planId}/export.docx`,
            params: { planId },
            token: tokenOf.coordinator2,
          })
        ).status,
      ).toBe(404);
    });

    it("progress: the target's office enters a figure by period, anyone reads it with its 进度", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const econ = await personOf(t.db, "econ");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2026, kind: "工作要点", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      const { version } = (await getPlan(coordinator.townId, created.planId))!;
      const edited = await replaceTargets(
        coordinator,
        created.planId,
        [
          {
            name: "引进过亿元项目",
            value: "5",
            unit: "个",
            qualifier: null,
            baseline: null,
            departmentId: econ.departmentId,
          },
        ],
        version,
      );
      expect(edited.ok).toBe(true);
      await markPublished(t.db, created.planId);
      const token = async (username: string) =>
        (await createToken((await personOf(t.db, username)).id, "进度")).token;
      const params = { planId: created.planId, targetId: "" };
      const list = await call(planTargets, {
        path: `/api/v1/plans/${created.planId}/targets`,
        params,
        token: await token("agri"),
      });
      params.targetId = list.json.targets[0].id;
      const path = `/api/v1/plans/${created.planId}/targets/${params.targetId}/progress`;
      const figure = { period: "2026-Q1", actual: 1, note: "签约1个", baseVersion: 0 };
      const refused = await call(targetProgress, {
        method: "PUT",
        path,
        params,
        token: await token("agri"),
        body: figure,
      });
      expect(refused.status).toBe(403);
      expect(refused.json.error.message).toBe("只有该目标的责任科室能报送进度。");
      const econToken = await token("econ");
      const badPeriod = await call(targetProgress, {
        method: "PUT",
        path,
        params,
        token: econToken,
        body: { ...figure, period: "2026年一季度" },
      });
      expect(badPeriod.status).toBe(422);
      expect(badPeriod.json.error.message).toContain("2027-Q2");
      const put = await call(targetProgress, {
        method: "PUT",
        path,
        params,
        token: econToken,
        body: figure,
      });
      expect(put.status).toBe(200);
      // One of five in the first quarter: 20% done, 25% of the year gone.
      expect(put.json).toEqual({
        progress: [
          {
            period: "2026-Q1",
            actual: 1,
            note: "签约1个",
            state: "entered",
            enteredBy: "王强",
            enteredAt: expect.any(String),
            confirmedBy: null,
            confirmedAt: null,
            version: 1,
          },
        ],
        rating: "欠进度",
      });
      const stale = await call(targetProgress, {
        method: "PUT",
        path,
        params,
        token: econToken,
        body: { ...figure, actual: 2 },
      });
      expect(stale.status).toBe(409);
      const read = await call(targetProgress, { path, params, token: await token("mayor") });
      expect(read.json.progress.map((p: { actual: number }) => p.actual)).toEqual([1]);

      // Confirmation: never by the one who entered it; by the leader, at the version seen.
      const confirm = (username: string, baseVersion: number) =>
        token(username).then((bearer) =>
          call(confirmProgress, {
            method: "POST",
            path: `${path}/confirm`,
            params,
            token: bearer,
            body: { period: "2026-Q1", baseVersion },
          }),
        );
      expect((await confirm("econ", 1)).status).toBe(403);
      expect((await confirm("leader1", 0)).status).toBe(409);
      const confirmed = await confirm("leader1", 1);
      expect(confirmed.status).toBe(200);
      expect(confirmed.json.progress[0]).toMatchObject({
        state: "confirmed",
        confirmedBy: expect.any(String),
        version: 2,
      });
    });

    it("commitments: the coordinator tracks one of a section's after 印发, its office reports on it", async () => {
      const coordinator = await personOf(t.db, "coordinator");
      const econ = await personOf(t.db, "econ");
      const created = await createPlan(
        { ...coordinator, townName: "示例镇" },
        { year: 2025, kind: "工作要点", from: "templates" },
      );
      if (!created.ok) throw new Error(created.message);
      const sectionId = (await listSections(coordinator.townId, created.planId)).find(
        (s) => s.departmentId === econ.departmentId,
      )!.id;
      const params = { planId: created.planId };
      const path = `/api/v1/plans/${created.planId}/commitments`;
      const bearer = async (username: string) =>
        (await createToken((await personOf(t.db, username)).id, "任务")).token;
      const coordinatorToken = await bearer("coordinator");
      const body = { sectionId, name: "新建标准厂房", value: "2", unit: "万平方米" };
      const track = (token: string, sent: unknown = body) =>
        call(commitments, { method: "POST", path, params, token, body: sent });
      const early = await track(coordinatorToken);
      expect(early.status).toBe(409);
      expect(early.json.error.message).toBe("计划印发后才能选择跟踪的工作任务。");
      await markPublished(t.db, created.planId);
      expect((await track(await bearer("econ"))).status).toBe(403);
      expect((await track(coordinatorToken, { ...body, value: "两万" })).status).toBe(422);
      const tracked = await track(coordinatorToken);
      expect(tracked.status).toBe(201);
      expect(tracked.json.commitments).toEqual([
        {
          id: expect.any(String),
          section: { id: sectionId, title: expect.any(String) },
          name: "新建标准厂房",
          value: 2,
          unit: "万平方米",
          qualifier: null,
          department: "经济发展办公室",
          source: null,
        },
      ]);
      expect((await track(coordinatorToken)).status).toBe(409);
      const commitmentId = tracked.json.commitments[0].id as string;
      const econToken = await bearer("econ");
      const figure = await call(targetProgress, {
        method: "PUT",
        path: `/api/v1/plans/${created.planId}/targets/${commitmentId}/progress`,
        params: { planId: created.planId, targetId: commitmentId },
        token: econToken,
        body: { period: "2025-Q1", actual: 0.5, baseVersion: 0 },
      });
      expect(figure.status).toBe(200);
      const untrack = await call(commitment, {
        method: "DELETE",
        path: `${path}/${commitmentId}`,
        params: { planId: created.planId, commitmentId },
        token: coordinatorToken,
      });
      expect(untrack.status).toBe(409);
      const listed = await call(commitments, { path, params, token: econToken });
      expect(listed.json.commitments.map((c: { name: string }) => c.name)).toEqual([
        "新建标准厂房",
      ]);
    });
  },
  { seed: true },
);

it("unknown methods answer 405 in JSON", async () => {
  const result = await call(me, { method: "DELETE", path: "/api/v1/me" });
  expect(result.status).toBe(405);
  expect(result.json.error.code).toBe("method_not_allowed");
});
