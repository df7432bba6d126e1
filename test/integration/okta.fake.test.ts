// The Okta integration against a local fake of the Okta Management API (test/fakes/okta.ts):
// playbook steps suspend, clear sessions, reset factors and remove from a group through a
// connection; rollback unsuspends and restores; 401, 404 and 429 behave as Okta documents them.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, containmentActions, runSteps } from "@/server/db/schema";
import { testConnection } from "@/server/integrations/connection-test";
import { rollbackContainment } from "@/server/integrations/rollback";
import { logger } from "@/server/logger";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { newRunContext, seedCase, seedConnection } from "../helpers/integrations";
import { oktaUser, startFakeOkta, type FakeOkta } from "../fakes/okta";

let okta: FakeOkta;
let t: TestDatabase;
let connectionId: string;

beforeAll(async () => {
  [okta, t] = await Promise.all([
    startFakeOkta({
      users: [{ login: "alice@okta.example" }, { login: "bob@okta.example" }, { login: "erin@okta.example", status: "SUSPENDED" }, { login: "root@okta.example" }],
      groups: [
        { name: "VPN Users", members: ["alice@okta.example", "bob@okta.example"] },
        { name: "Super Admins", members: ["root@okta.example"] },
      ],
    }),
    createTestDatabase("okta"),
  ]);
  const config = { orgUrl: okta.url, allowPrivateNetwork: true, userDomains: ["okta.example"], guardrails: { protectedUsers: [], protectedPatterns: [], protectedGroups: ["Super Admins"], maxPerHourPerPlaybook: 10, maxPerHourPerConnection: 50 } };
  ({ id: connectionId } = await seedConnection(t.db, { integration: "okta", name: "okta-prod", config, secret: { apiToken: okta.token } }));
});
afterAll(async () => {
  await t?.drop();
  await okta?.stop();
});

const rollback = (actionId: string) => rollbackContainment(t.db, { actionId, actor: "user:analyst", reason: "manual", log: logger() });

describe("Okta through a connection", () => {
  it("tests the connection with the token owner, and reports a bad token or a private address refused", async () => {
    expect(await testConnection(t.db, "user:admin", connectionId)).toMatchObject({ ok: true, message: `Authenticated to ${okta.url} as vigil-service@example.com` });
    const bad = await seedConnection(t.db, { integration: "okta", name: "okta-bad", config: { orgUrl: okta.url, allowPrivateNetwork: true, userDomains: ["other.example"] }, secret: { apiToken: "00-not-the-token" } });
    expect(await testConnection(t.db, "user:admin", bad.id)).toMatchObject({ ok: false, message: "Okta refused the API token: E0000011 Invalid token provided; set a valid token on the connection" });
    const guarded = await seedConnection(t.db, { integration: "okta", name: "okta-ssrf", config: { orgUrl: okta.url, userDomains: ["other.example"] }, secret: { apiToken: okta.token } });
    expect(await testConnection(t.db, "user:admin", guarded.id)).toMatchObject({ ok: false, message: expect.stringMatching(/refused to connect to 127\.0\.0\.1/) });
  });

  it("suspends a user from a playbook step and unsuspends on rollback", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const outcome = await ctx.step("suspend", () => ctx.integrations.identity.disableUser({ user: "alice@okta.example" }));
    expect(outcome).toMatchObject({ connection: "okta-prod", status: "active", changed: true });
    expect(oktaUser(okta, "alice@okta.example").status).toBe("SUSPENDED");
    await rollback(outcome.actionId);
    expect(oktaUser(okta, "alice@okta.example").status).toBe("ACTIVE");
  });

  it("records an already suspended user as unchanged, with nothing to roll back", async () => {
    const ctx = await newRunContext(t.db);
    const outcome = await ctx.step("suspend", () => ctx.integrations.okta("okta-prod").disableUser({ user: "erin@okta.example" }));
    expect(outcome).toMatchObject({ status: "completed", changed: false });
    expect(okta.requests.some((r) => r.path.endsWith(`${oktaUser(okta, "erin@okta.example").id}/lifecycle/suspend`))).toBe(false);
  });

  it("clears sessions (with OAuth tokens) and resets factors", async () => {
    const ctx = await newRunContext(t.db);
    const bob = oktaUser(okta, "bob@okta.example");
    await ctx.step("sessions", () => ctx.integrations.identity.revokeSessions({ user: "bob@okta.example" }));
    await ctx.step("factors", () => ctx.integrations.okta("okta-prod").resetFactors({ user: "bob@okta.example" }));
    expect(bob).toMatchObject({ sessions: 0, factors: [] });
    expect(okta.requests).toContainEqual({ method: "DELETE", path: `/api/v1/users/${bob.id}/sessions`, query: "?oauthTokens=true", body: undefined });
  });

  it("removes the user from a group by name and restores it on rollback", async () => {
    const ctx = await newRunContext(t.db);
    const vpn = [...okta.groups.values()].find((g) => g.name === "VPN Users")!;
    const bob = oktaUser(okta, "bob@okta.example");
    const outcome = await ctx.step("ungroup", () => ctx.integrations.identity.removeFromGroup({ user: "bob@okta.example", group: "VPN Users" }));
    expect(vpn.members.has(bob.id)).toBe(false);
    await rollback(outcome.actionId);
    expect(vpn.members.has(bob.id)).toBe(true);
  });

  it("waits out a 429 (X-Rate-Limit-Reset) and succeeds", async () => {
    const ctx = await newRunContext(t.db);
    okta.throttleNext(1, 1);
    const before = okta.requests.length;
    const user = await ctx.step("find", () => ctx.integrations.identity.findUser({ user: "bob@okta.example" }));
    expect(user).toMatchObject({ username: "bob@okta.example", disabled: false });
    expect(okta.requests.length - before).toBe(2);
  });

  it("fails at once for a user Okta does not have (404 E0000007)", async () => {
    const ctx = await newRunContext(t.db);
    await expect(ctx.step("ghost", () => ctx.integrations.identity.disableUser({ user: "ghost@okta.example" }), { retries: 3, backoff: 1 })).rejects.toThrow(
      'step "ghost" failed after 1 attempt(s): Okta has no user "ghost@okta.example" (E0000007 Not found: Resource not found: ghost@okta.example (User))',
    );
  });

  it("refuses members of a protected Okta group", async () => {
    const ctx = await newRunContext(t.db);
    await expect(ctx.step("root", () => ctx.integrations.identity.disableUser({ user: "root@okta.example" }))).rejects.toThrow(/member of the protected group "Super Admins"/);
    expect(oktaUser(okta, "root@okta.example").status).toBe("ACTIVE");
  });

  it("never writes the API token to the ledger, the journal or the audit trail", async () => {
    const dump = JSON.stringify([await t.db.select().from(containmentActions), await t.db.select().from(runSteps), await t.db.select().from(auditLog)]);
    expect(dump).not.toContain(okta.token);
    expect((await t.db.select().from(containmentActions).where(eq(containmentActions.connectionId, connectionId))).length).toBeGreaterThanOrEqual(3);
  });
});
