import { expect, it } from "vitest";

import { describeEachDialect, userIdOf } from "~db/testing";

import { getOptionalUser } from "./auth.server";
import {
  createSession,
  destroySession,
  purgeExpiredSessions,
  SESSION_LIFETIME_MS,
} from "./session.server";

const BASE = "http://localhost:3000/";

/** A request that carries the cookie a Set-Cookie header handed out. */
function withCookie(setCookie: string, init: RequestInit = {}): Request {
  return new Request(BASE, { ...init, headers: { Cookie: setCookie.split(";")[0]! } });
}

describeEachDialect(
  "sessions",
  (t) => {
    it("a new session identifies the user, their town and roles", async () => {
      const setCookie = await createSession(new Request(BASE), await userIdOf(t.db, "leader1"));
      const user = await getOptionalUser(withCookie(setCookie));
      expect(user).toMatchObject({ username: "leader1", townName: "示例镇", roles: ["leader"] });
    });

    it("the cookie is httpOnly and SameSite=Lax, and Secure only behind HTTPS", async () => {
      const userId = await userIdOf(t.db, "econ");
      const plain = await createSession(new Request(BASE), userId);
      expect(plain).toMatch(/HttpOnly/i);
      expect(plain).toMatch(/SameSite=Lax/i);
      expect(plain).not.toMatch(/Secure/i);
      const proxied = await createSession(
        new Request(BASE, { headers: { "X-Forwarded-Proto": "https" } }),
        userId,
      );
      expect(proxied).toMatch(/Secure/i);
    });

    it("the database keeps only a hash of the cookie's token", async () => {
      const setCookie = await createSession(new Request(BASE), await userIdOf(t.db, "econ"));
      const token = decodeURIComponent(setCookie.split(";")[0]!.split("=")[1]!);
      const rows = await t.db.selectFrom("sessions").select("id").execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(token).not.toContain(row.id);
    });

    it("an expired session no longer signs anyone in, and is purged", async () => {
      const longAgo = new Date(Date.now() - SESSION_LIFETIME_MS - 60_000);
      const setCookie = await createSession(new Request(BASE), await userIdOf(t.db, "mayor"), {
        now: longAgo,
      });
      expect(await getOptionalUser(withCookie(setCookie))).toBeNull();
      const before = await t.db.selectFrom("sessions").select("id").execute();
      await purgeExpiredSessions();
      const after = await t.db.selectFrom("sessions").select("id").execute();
      expect(after.length).toBe(before.length - 1);
    });

    it("signing in again rotates the id: the old cookie stops working", async () => {
      const userId = await userIdOf(t.db, "coordinator");
      const first = await createSession(new Request(BASE), userId);
      const second = await createSession(withCookie(first), userId);
      expect(second.split(";")[0]).not.toBe(first.split(";")[0]);
      expect(await getOptionalUser(withCookie(first))).toBeNull();
      expect(await getOptionalUser(withCookie(second))).toMatchObject({ username: "coordinator" });
    });

    it("a tampered cookie is ignored", async () => {
      const setCookie = await createSession(new Request(BASE), await userIdOf(t.db, "admin"));
      const [name, value] = setCookie.split(";")[0]!.split("=");
      const forged = `${name}=${value!.slice(0, -4)}AAAA`;
      expect(await getOptionalUser(new Request(BASE, { headers: { Cookie: forged } }))).toBeNull();
    });

    it("signing out ends the session and clears the cookie", async () => {
      const setCookie = await createSession(new Request(BASE), await userIdOf(t.db, "secretary"));
      const cleared = await destroySession(withCookie(setCookie));
      expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
      expect(await getOptionalUser(withCookie(setCookie))).toBeNull();
    });
  },
  { seed: true },
);
