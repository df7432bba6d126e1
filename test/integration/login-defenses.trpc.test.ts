// Sign-in defenses through the real tRPC router and Postgres: the per-address limit (shared by all
// replicas because it lives in a table), its audit row, and the __Host- session cookie over https.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { IP_MAX_FAILURES } from "@/server/auth/login-throttle";
import { auditLog, loginThrottle } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser, TEST_PASSWORD } from "../helpers/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("logindef");
});
afterAll(() => t.drop());

async function caller(headers: Record<string, string> = {}) {
  const resHeaders = new Headers();
  const req = new Request("http://vigil.test/api/trpc", { method: "POST", headers });
  const ctx = await createTRPCContext({ req, resHeaders, db: t.db });
  return { api: createCaller(ctx), resHeaders };
}

const from = (ip: string) => ({ "x-forwarded-for": ip });

describe("per-address sign-in limit", () => {
  it("refuses an address after 20 failures across accounts, audits it once, and leaves other addresses alone", async () => {
    const victim = await seedUser(t.db, "analyst");
    const attacker = from("198.51.100.77");
    for (let i = 0; i < IP_MAX_FAILURES; i++) {
      // Spread over many (unknown) accounts, so no per-account lockout kicks in.
      await expect((await caller(attacker)).api.auth.login({ email: `spray-${i}@example.test`, password: "Winter2026!" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    const refused = await caller(attacker);
    await expect(refused.api.auth.login({ email: victim.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/too many failed sign-ins from your address; try again after \d{4}-/),
    });
    expect(Number(refused.resHeaders.get("retry-after"))).toBeGreaterThan(0);
    await expect((await caller(attacker)).api.auth.login({ email: victim.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });

    const throttled = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.ip_throttled"));
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ actor: "anonymous", subject: "ip:198.51.100.77" });

    await expect((await caller(from("203.0.113.5"))).api.auth.login({ email: victim.email, password: TEST_PASSWORD })).resolves.toMatchObject({ user: { id: victim.id } });
  });

  it("does not count successful sign-ins, so a busy office address is not locked out", async () => {
    const user = await seedUser(t.db, "analyst");
    const office = from("192.0.2.10");
    for (let i = 0; i <= IP_MAX_FAILURES; i++) await (await caller(office)).api.auth.login({ email: user.email, password: TEST_PASSWORD });
    const [row] = await t.db.select().from(loginThrottle).where(eq(loginThrottle.key, "ip:192.0.2.10"));
    expect(row!.failures).toBe(0);
  });

  it("starts a new window once the old one has passed", async () => {
    const user = await seedUser(t.db, "analyst");
    await t.db.insert(loginThrottle).values({ key: "ip:192.0.2.99", windowStart: new Date(Date.now() - 16 * 60_000), failures: 500 });
    await expect((await caller(from("192.0.2.99"))).api.auth.login({ email: user.email, password: TEST_PASSWORD })).resolves.toMatchObject({ user: { id: user.id } });
  });
});

describe("session cookie over https", () => {
  it("is __Host- prefixed, Secure, Path=/ and without Domain, and the unprefixed name is ignored", async () => {
    const user = await seedUser(t.db, "analyst");
    const https = { "x-forwarded-proto": "https" };
    const { api, resHeaders } = await caller(https);
    await api.auth.login({ email: user.email, password: TEST_PASSWORD });
    const setCookie = resHeaders.get("set-cookie")!;
    expect(setCookie).toMatch(/^__Host-vigil_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie.split("; ")).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", "Secure"]));
    expect(setCookie).not.toMatch(/Domain=/i);

    const pair = setCookie.split(";")[0]!;
    await expect((await caller({ ...https, cookie: pair })).api.auth.me()).resolves.toMatchObject({ id: user.id });
    // The same token planted under the plain name (say, by an http page on a sibling host) is not a session over https.
    const planted = pair.replace("__Host-vigil_session", "vigil_session");
    await expect((await caller({ ...https, cookie: planted })).api.auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
