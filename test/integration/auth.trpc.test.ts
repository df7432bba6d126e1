// Sign-in, sessions and role enforcement through the real tRPC router and Postgres.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { auditLog, sessions, users } from "@/server/db/schema";
import { ensureFirstAdmin } from "@/server/auth/first-admin";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser, TEST_PASSWORD } from "../helpers/fixtures";

let t: TestDatabase;

async function caller(cookie?: string) {
  const resHeaders = new Headers();
  const req = new Request("http://vigil.test/api/trpc", { method: "POST", headers: cookie ? { cookie } : {} });
  const ctx = await createTRPCContext({ req, resHeaders, db: t.db });
  return { api: createCaller(ctx), resHeaders };
}

async function signIn(email: string, password = TEST_PASSWORD): Promise<string> {
  const { api, resHeaders } = await caller();
  await api.auth.login({ email, password });
  const cookie = resHeaders.get("set-cookie")!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  return cookie.split(";")[0]!;
}

beforeAll(async () => {
  t = await createTestDatabase("auth");
});
afterAll(() => t.drop());

describe("auth", () => {
  it("creates the first admin once, with a generated password", async () => {
    const first = await ensureFirstAdmin(t.db);
    expect(first?.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await ensureFirstAdmin(t.db)).toBeNull();
    const cookie = await signIn(first!.email, first!.password);
    const { api } = await caller(cookie);
    expect(await api.auth.me()).toMatchObject({ email: first!.email, role: "admin" });
  });

  it("refuses anonymous calls with UNAUTHORIZED and lower roles with FORBIDDEN", async () => {
    const { api } = await caller();
    await expect(api.cases.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const analyst = await seedUser(t.db, "analyst");
    const { api: asAnalyst } = await caller(await signIn(analyst.email));
    await expect(asAnalyst.cases.list({})).resolves.toMatchObject({ items: [] });
    await expect(asAnalyst.users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lets an admin create a user and set a role, audited", async () => {
    const admin = await seedUser(t.db, "admin");
    const { api } = await caller(await signIn(admin.email));
    const created = await api.users.create({ email: "New.Analyst@Example.test", name: "New Analyst", role: "analyst", password: "a long enough password" });
    expect(created.email).toBe("new.analyst@example.test");
    await api.users.setRole({ userId: created.id, role: "manager" });
    const [row] = await t.db.select().from(users).where(eq(users.id, created.id));
    expect(row!.role).toBe("manager");
    const actions = (await t.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["user.create", "user.set_role", "auth.login"]));
    await expect(api.users.create({ email: "x@example.test", name: "x", role: "analyst", password: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("rejects a wrong password without saying whether the email exists, and locks out after 5", async () => {
    const victim = await seedUser(t.db, "analyst");
    const { api } = await caller();
    await expect(api.auth.login({ email: "nobody@example.test", password: "whatever" })).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "email or password is incorrect" });
    for (let i = 0; i < 5; i++) await expect(api.auth.login({ email: victim.email, password: "wrong" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(api.auth.login({ email: victim.email, password: TEST_PASSWORD })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const actions = (await t.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toContain("auth.lockout");
  });

  it("kills a disabled user's sessions at once", async () => {
    const admin = await seedUser(t.db, "admin");
    const analyst = await seedUser(t.db, "analyst");
    const analystCookie = await signIn(analyst.email);
    const { api: asAdmin } = await caller(await signIn(admin.email));
    await asAdmin.users.setDisabled({ userId: analyst.id, disabled: true });
    expect(await t.db.$count(sessions, eq(sessions.userId, analyst.id))).toBe(0);
    const { api } = await caller(analystCookie);
    await expect(api.auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("rotates the session on login and ends it on logout", async () => {
    const user = await seedUser(t.db, "analyst");
    const first = await signIn(user.email);
    const { api, resHeaders } = await caller(first);
    await api.auth.login({ email: user.email, password: TEST_PASSWORD });
    const second = resHeaders.get("set-cookie")!.split(";")[0]!;
    expect(second).not.toBe(first);
    await expect((await caller(first)).api.auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await (await caller(second)).api.auth.logout();
    await expect((await caller(second)).api.auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
