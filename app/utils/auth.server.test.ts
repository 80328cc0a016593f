import { expect, it } from "vitest";

import { describeEachDialect, userIdOf } from "~db/testing";

import { requireUserCan } from "~/policies/policy.server";

import { requireUser } from "./auth.server";
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

    it("requireUserCan refuses a signed-in user who may not, with 403 and the reason in Chinese", async () => {
      const thrown = (await caught(
        requireUserCan(await requestAs("econ"), "town.administer", null),
      )) as { data: { message: string }; init: { status: number } };
      expect(thrown.init.status).toBe(403);
      expect(thrown.data.message).toBe("只有系统管理员能进行系统管理。");
    });

    it.each([
      ["admin", "town.administer"],
      ["coordinator", "plan.create"],
    ] as const)("requireUserCan lets %s %s", async (username, action) => {
      const user = await requireUserCan(await requestAs(username), action, null);
      expect(user.username).toBe(username);
    });

    it.each([
      ["econ", "plan.create"],
      ["mayor", "plan.create"],
      ["coordinator2", "town.administer"],
    ] as const)("requireUserCan refuses %s %s", async (username, action) => {
      const thrown = (await caught(requireUserCan(await requestAs(username), action, null))) as {
        init: { status: number };
      };
      expect(thrown.init.status).toBe(403);
    });
  },
  { seed: true },
);
