// The Entra ID integration against a local fake of the Microsoft identity platform and Graph
// (test/fakes/entra.ts): client-credentials token, accountEnabled false/true, revokeSignInSessions,
// group member $ref removal and restore, confirmCompromised; 401, 404 and 429 with Retry-After;
// nested protected groups; and identity routing by user domain between Entra and Okta.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, containmentActions, runSteps } from "@/server/db/schema";
import { testConnection } from "@/server/integrations/connection-test";
import { rollbackContainment } from "@/server/integrations/rollback";
import { logger } from "@/server/logger";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { newRunContext, seedConnection } from "../helpers/integrations";
import { entraUser, startFakeEntra, type FakeEntra } from "../fakes/entra";
import { oktaUser, startFakeOkta, type FakeOkta } from "../fakes/okta";

let entra: FakeEntra;
let okta: FakeOkta;
let t: TestDatabase;
let connectionId: string;

beforeAll(async () => {
  [entra, okta, t] = await Promise.all([
    startFakeEntra({
      users: ["alice@contoso.example", "bob@contoso.example", "lead@contoso.example"],
      groups: [
        { displayName: "VPN Users", members: ["alice@contoso.example", "bob@contoso.example"] },
        { displayName: "Helpdesk Leads", members: ["lead@contoso.example"] },
        { displayName: "Tier0 Admins", members: [] },
      ],
      nested: [{ child: "Helpdesk Leads", parent: "Tier0 Admins" }],
    }),
    startFakeOkta({ users: [{ login: "alice@okta.example" }], groups: [] }),
    createTestDatabase("entra"),
  ]);
  const config = {
    tenantId: entra.tenantId,
    clientId: entra.clientId,
    authorityUrl: entra.url,
    graphUrl: entra.url,
    allowPrivateNetwork: true,
    userDomains: ["contoso.example"],
    guardrails: { protectedUsers: [], protectedPatterns: [], protectedGroups: ["Tier0 Admins"], maxPerHourPerPlaybook: 10, maxPerHourPerConnection: 50 },
  };
  ({ id: connectionId } = await seedConnection(t.db, { integration: "entra", name: "entra-prod", config, secret: { clientSecret: entra.clientSecret } }));
  await seedConnection(t.db, { integration: "okta", name: "okta-prod", config: { orgUrl: okta.url, allowPrivateNetwork: true, userDomains: ["okta.example"] }, secret: { apiToken: okta.token } });
});
afterAll(async () => {
  await t?.drop();
  await Promise.all([entra?.stop(), okta?.stop()]);
});

const rollback = (actionId: string) => rollbackContainment(t.db, { actionId, actor: "user:analyst", reason: "manual", log: logger() });

describe("Entra ID through a connection", () => {
  it("tests the connection with a client-credentials token, and explains a bad secret", async () => {
    expect(await testConnection(t.db, "user:admin", connectionId)).toMatchObject({ ok: true, message: expect.stringContaining(`Got a token for tenant ${entra.tenantId}`) });
    const bad = await seedConnection(t.db, {
      integration: "entra",
      name: "entra-bad",
      config: { tenantId: entra.tenantId, clientId: entra.clientId, authorityUrl: entra.url, graphUrl: entra.url, allowPrivateNetwork: true, userDomains: ["other.example"] },
      secret: { clientSecret: "wrong" },
    });
    expect(await testConnection(t.db, "user:admin", bad.id)).toMatchObject({ ok: false, message: expect.stringMatching(/^Entra ID refused the client credentials \(invalid_client: AADSTS7000215: Invalid client secret provided/) });
  });

  it("routes identity calls by user domain: Entra for contoso, Okta for okta.example", async () => {
    const ctx = await newRunContext(t.db);
    const viaEntra = await ctx.step("disable entra", () => ctx.integrations.identity.disableUser({ user: "alice@contoso.example" }));
    const viaOkta = await ctx.step("disable okta", () => ctx.integrations.identity.disableUser({ user: "alice@okta.example" }));
    expect([viaEntra.connection, viaOkta.connection]).toEqual(["entra-prod", "okta-prod"]);
    expect(entraUser(entra, "alice@contoso.example").accountEnabled).toBe(false);
    expect(oktaUser(okta, "alice@okta.example").status).toBe("SUSPENDED");
    await rollback(viaEntra.actionId);
    expect(entraUser(entra, "alice@contoso.example").accountEnabled).toBe(true);
    await expect(ctx.step("nobody", () => ctx.integrations.identity.disableUser({ user: "carol@elsewhere.example" }))).rejects.toThrow(/no enabled identity connection answers for "carol@elsewhere.example"/);
  });

  it("revokes sign-in sessions and confirms a user compromised", async () => {
    const ctx = await newRunContext(t.db);
    const revoked = await ctx.step("revoke", () => ctx.integrations.identity.revokeSessions({ user: "bob@contoso.example" }));
    expect(revoked).toMatchObject({ status: "completed", result: { revoked: true } });
    await ctx.step("compromised", () => ctx.integrations.identity.confirmCompromised({ user: "bob@contoso.example" }));
    expect(entraUser(entra, "bob@contoso.example")).toMatchObject({ riskLevel: "high" });
    expect(entraUser(entra, "bob@contoso.example").sessionsValidFrom > "2026-01-01T00:00:00Z").toBe(true);
  });

  it("removes a group member ($ref) and restores it on rollback", async () => {
    const ctx = await newRunContext(t.db);
    const vpn = [...entra.groups.values()].find((g) => g.displayName === "VPN Users")!;
    const bob = entraUser(entra, "bob@contoso.example");
    const outcome = await ctx.step("ungroup", () => ctx.integrations.entra("entra-prod").removeFromGroup({ user: "bob@contoso.example", group: "VPN Users" }));
    expect(vpn.members.has(bob.id)).toBe(false);
    expect(entra.requests).toContainEqual({ method: "DELETE", path: `/v1.0/groups/${vpn.id}/members/${bob.id}/$ref`, query: "", body: undefined });
    await rollback(outcome.actionId);
    expect(vpn.members.has(bob.id)).toBe(true);
    expect(entra.requests).toContainEqual({ method: "POST", path: `/v1.0/groups/${vpn.id}/members/$ref`, query: "", body: { "@odata.id": `${entra.url}/v1.0/directoryObjects/${bob.id}` } });
  });

  it("honours Retry-After on a 429 and succeeds", async () => {
    const ctx = await newRunContext(t.db);
    entra.throttleNext(1, 1);
    await expect(ctx.step("find", () => ctx.integrations.entra("entra-prod").findUser({ user: "bob@contoso.example" }))).resolves.toMatchObject({ username: "bob@contoso.example" });
  });

  it("fails at once for a user Graph does not have (404 Request_ResourceNotFound)", async () => {
    const ctx = await newRunContext(t.db);
    await expect(ctx.step("ghost", () => ctx.integrations.identity.disableUser({ user: "ghost@contoso.example" }), { retries: 2, backoff: 1 })).rejects.toThrow(
      /failed after 1 attempt\(s\): Entra ID has no user "ghost@contoso\.example" \(Request_ResourceNotFound: Resource 'ghost@contoso\.example' does not exist/,
    );
  });

  it("refuses a member of a group nested in a protected group", async () => {
    const ctx = await newRunContext(t.db);
    await expect(ctx.step("lead", () => ctx.integrations.identity.disableUser({ user: "lead@contoso.example" }))).rejects.toThrow(/member of the protected group "Tier0 Admins"/);
    expect(entraUser(entra, "lead@contoso.example").accountEnabled).toBe(true);
  });

  it("never writes the client secret to the ledger, the journal or the audit trail", async () => {
    const dump = JSON.stringify([await t.db.select().from(containmentActions), await t.db.select().from(runSteps), await t.db.select().from(auditLog)]);
    expect(dump).not.toContain(entra.clientSecret);
  });
});
