import { expect, it } from "vitest";

import { describeEachDialect, userIdOf } from "~db/testing";

import { requireRole, requireUser } from "./auth.server";
import { createSession } from "./session.server";

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (thrown) {
    return thrown;
  }
  throw new Error("expected the helper to throw");
}

describeEachDialect(
  "permission helpers",
  (t) => {
    async function requestAs(username: string, path = "/") {
      const setCookie = await createSession(
        new Request("http://localhost/"),
        await userIdOf(t.db, username),
      );
      return new Request(`http://localhost${path}`, {
        headers: { Cookie: setCookie.split(";")[0]! },
      });
    }

    it("requireUser sends anonymous visitors to /login, remembering where they were going", async () => {
      const thrown = await caught(requireUser(new Request("http://localhost/admin/users?page=2")));
      expect(thrown).toBeInstanceOf(Response);
      const response = thrown as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(
        "/login?redirectTo=%2Fadmin%2Fusers%3Fpage%3D2",
      );
    });

    it("requireRole refuses a signed-in user without the role with 403 and a Chinese message", async () => {
      const thrown = (await caught(requireRole(await requestAs("econ"), "admin"))) as {
        data: { message: string };
        init: { status: number };
      };
      expect(thrown.init.status).toBe(403);
      expect(thrown.data.message).toMatch(/没有权限/);
    });

    it.each([
      ["admin", ["admin"]],
      ["coordinator", ["coordinator"]],
      ["leader1", ["leader", "mayor"]],
      ["secretary", ["secretary"]],
    ] as const)("requireRole lets %s through for %j", async (username, roles) => {
      const user = await requireRole(await requestAs(username), ...roles);
      expect(user.username).toBe(username);
    });

    it.each([
      ["econ", "coordinator"],
      ["mayor", "secretary"],
      ["coordinator2", "admin"],
    ] as const)("requireRole refuses %s the %s role", async (username, role) => {
      const thrown = (await caught(requireRole(await requestAs(username), role))) as {
        init: { status: number };
      };
      expect(thrown.init.status).toBe(403);
    });
  },
  { seed: true },
);
