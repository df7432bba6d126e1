// The AD/LDAP integration against a REAL OpenLDAP slapd started for this file (StartTLS and LDAPS
// with a test CA): playbook steps disable, re-enable, force a password change and remove/restore
// group membership of real users, each verified with a real search (and a real bind for the lock);
// rollback, expiry on the worker, guardrails and "Test connection" end to end.
import { eq } from "drizzle-orm";
import { Client, InvalidCredentialsError } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseEvents, containmentActions } from "@/server/db/schema";
import { testConnection } from "@/server/integrations/connection-test";
import { rollbackContainment } from "@/server/integrations/rollback";
import { logger } from "@/server/logger";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { newRunContext, seedCase, seedConnection } from "../helpers/integrations";
import { groupDn, startSlapd, userDn, type SlapdServer } from "../services/ldap";

let ldap: SlapdServer;
let t: TestDatabase;
let worker: VigilWorker;
let admin: Client;
let connectionId: string;

beforeAll(async () => {
  [ldap, t] = await Promise.all([startSlapd(), createTestDatabase("ldap")]);
  worker = await startWorker({ connectionString: t.url, concurrency: 2, pollInterval: 200 });
  const base = { url: ldap.url, startTls: true, caCert: ldap.caCert, bindDn: ldap.adminDn, baseDn: ldap.baseDn, flavor: "openldap" };
  ({ id: connectionId } = await seedConnection(t.db, { integration: "ldap", name: "corp-ldap", config: { ...base, guardrails: { protectedUsers: ["breakglass"], protectedPatterns: ["svc-*"], protectedGroups: ["Domain Admins"] } }, secret: { bindPassword: ldap.adminPassword } }));
  await seedConnection(t.db, { integration: "ldap", name: "corp-ldaps", config: { ...base, url: ldap.ldapsUrl, startTls: false, userDomains: ["ldaps.example"] }, secret: { bindPassword: ldap.adminPassword } });
  await seedConnection(t.db, { integration: "ldap", name: "corp-attr", config: { ...base, lockAttribute: "description", lockValue: "locked by vigil", userDomains: ["attr.example"] }, secret: { bindPassword: ldap.adminPassword } });
  admin = new Client({ url: ldap.url });
  await admin.bind(ldap.adminDn, ldap.adminPassword);
}, 60_000);
afterAll(async () => {
  await admin?.unbind();
  await worker?.stop();
  await t?.drop();
  await ldap?.stop();
});

/** A real search, as admin: one attribute's values of one entry ([] when absent). */
async function values(dn: string, attribute: string): Promise<string[]> {
  const { searchEntries } = await admin.search(dn, { scope: "base", attributes: [attribute] });
  return [searchEntries[0]![attribute] ?? []].flat().map(String);
}
/** Whether the user can bind with their password (a locked account cannot). */
async function canBind(uid: string): Promise<boolean> {
  const client = new Client({ url: ldap.url });
  try {
    await client.bind(userDn(uid), `${uid}pw`);
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return false;
    throw error;
  } finally {
    await client.unbind();
  }
}
const memberList = (group: string) => values(groupDn(group), "member");

describe("AD/LDAP against a real slapd", () => {
  it("tests the connection over StartTLS and LDAPS with the custom CA, and fails without it", async () => {
    expect(await testConnection(t.db, "user:admin", connectionId)).toMatchObject({ ok: true, message: `Bound as ${ldap.adminDn} over StartTLS; base DN ${ldap.baseDn} found` });
    const ldaps = await seedConnection(t.db, { integration: "ldap", name: "ldaps-check", config: { url: ldap.ldapsUrl, caCert: ldap.caCert, bindDn: ldap.adminDn, baseDn: ldap.baseDn, flavor: "openldap", userDomains: ["checks.example"] }, secret: { bindPassword: ldap.adminPassword } });
    expect(await testConnection(t.db, "user:admin", ldaps.id)).toMatchObject({ ok: true, message: expect.stringContaining("over LDAPS") });
    const noCa = await seedConnection(t.db, { integration: "ldap", name: "no-ca", config: { url: ldap.ldapsUrl, bindDn: ldap.adminDn, baseDn: ldap.baseDn, flavor: "openldap", userDomains: ["checks.example"] }, secret: { bindPassword: ldap.adminPassword } });
    expect(await testConnection(t.db, "user:admin", noCa.id)).toMatchObject({ ok: false, message: expect.stringMatching(/cannot reach ldaps:\/\/127\.0\.0\.1:\d+: .*(certificate|self.signed)/i) });
    const badPassword = await seedConnection(t.db, { integration: "ldap", name: "bad-pw", config: { url: ldap.url, bindDn: ldap.adminDn, baseDn: ldap.baseDn, flavor: "openldap", userDomains: ["checks.example"] }, secret: { bindPassword: "nope" } });
    expect(await testConnection(t.db, "user:admin", badPassword.id)).toMatchObject({ ok: false, message: `bind as ${ldap.adminDn} was refused: invalid credentials` });
  });

  it("disables a real user through ctx.integrations.identity (the bind then fails) and re-enables on rollback", async () => {
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    expect(await canBind("alice")).toBe(true);
    const outcome = await ctx.step("disable alice", () => ctx.integrations.identity.disableUser({ user: "alice@example.org" }));
    expect(outcome).toMatchObject({ connection: "corp-ldap", status: "active", changed: true, result: { dn: userDn("alice") } });
    expect(await values(userDn("alice"), "pwdAccountLockedTime")).toEqual(["000001010000Z"]);
    expect(await canBind("alice")).toBe(false);
    expect(await canBind("bob")).toBe(true);

    const found = await ctx.step("find alice", () => ctx.integrations.ldap("corp-ldap").findUser({ user: "alice" }));
    expect(found).toEqual({ id: userDn("alice"), username: "alice", email: "alice@example.org", displayName: "alice", disabled: true });

    await rollbackContainment(t.db, { actionId: outcome.actionId, actor: "user:analyst", reason: "manual", log: logger() });
    expect(await values(userDn("alice"), "pwdAccountLockedTime")).toEqual([]);
    expect(await canBind("alice")).toBe(true);
  });

  it("re-enables a disabled user with enableUser", async () => {
    const ctx = await newRunContext(t.db);
    await ctx.step("disable", () => ctx.integrations.ldap("corp-ldap").disableUser({ user: "dave" }));
    expect(await canBind("dave")).toBe(false);
    const enabled = await ctx.step("enable", () => ctx.integrations.identity.enableUser({ user: "dave" }));
    expect(enabled).toMatchObject({ changed: true, status: "active" });
    expect(await canBind("dave")).toBe(true);
  });

  it("removes a real user from a group and restores the membership on rollback", async () => {
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    const groups = await ctx.step("groups", () => ctx.integrations.identity.getUserGroups({ user: "bob" }));
    expect(groups.map((g) => g.name).sort()).toEqual(["helpdesk", "vpn-users"]);
    const outcome = await ctx.step("remove from vpn", () => ctx.integrations.identity.removeFromGroup({ user: "bob", group: "vpn-users" }));
    expect(outcome).toMatchObject({ status: "active", changed: true });
    expect(await memberList("vpn-users")).not.toContain(userDn("bob"));
    expect(await values(userDn("bob"), "memberOf")).toEqual([groupDn("helpdesk")]);

    await rollbackContainment(t.db, { actionId: outcome.actionId, actor: "user:analyst", reason: "manual", log: logger() });
    expect(await memberList("vpn-users")).toContain(userDn("bob"));
    const timeline = (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => (e.data as { text?: string }).text);
    expect(timeline).toContain('Rolled back: removeFromGroup bob via "corp-ldap" (addToGroup)');
  });

  it("forces a password change at next logon (ppolicy pwdReset) and clears it on rollback", async () => {
    const ctx = await newRunContext(t.db);
    const outcome = await ctx.step("force reset", () => ctx.integrations.identity.forcePasswordChange({ user: "bob" }));
    expect(await values(userDn("bob"), "pwdReset")).toEqual(["TRUE"]);
    await rollbackContainment(t.db, { actionId: outcome.actionId, actor: "user:analyst", reason: "manual", log: logger() });
    expect(await values(userDn("bob"), "pwdReset")).toEqual([]);
  });

  it("disables with a configured attribute instead of ppolicy", async () => {
    const ctx = await newRunContext(t.db);
    await ctx.step("disable", () => ctx.integrations.identity.disableUser({ user: "dave", connection: "corp-attr" }));
    expect(await values(userDn("dave"), "description")).toEqual(["locked by vigil"]);
    const found = await ctx.step("find", () => ctx.integrations.ldap("corp-attr").findUser({ user: "dave" }));
    expect(found.disabled).toBe(true);
    await ctx.step("enable", () => ctx.integrations.ldap("corp-attr").enableUser({ user: "dave" }));
    expect(await values(userDn("dave"), "description")).toEqual([]);
  });

  it("expires on time: the worker re-enables the user", async () => {
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    await ctx.step("disable briefly", () => ctx.integrations.identity.disableUser({ user: "dave", expiresIn: "1s" }));
    expect(await canBind("dave")).toBe(false);
    await expect.poll(async () => (await t.db.select().from(containmentActions).where(eq(containmentActions.caseId, caseId)))[0]?.status, { timeout: 15_000, interval: 200 }).toBe("expired");
    expect(await canBind("dave")).toBe(true);
  });

  it("refuses protected accounts and members of Domain Admins, on the case timeline", async () => {
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    await expect(ctx.step("disable carol", () => ctx.integrations.identity.disableUser({ user: "carol" }))).rejects.toThrow(/member of the protected group "Domain Admins"/);
    await expect(ctx.step("disable bg", () => ctx.integrations.identity.disableUser({ user: "breakglass" }))).rejects.toThrow(/"breakglass" is a protected account/);
    expect(await canBind("carol")).toBe(true);
    const kinds = (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => e.kind);
    expect(kinds.filter((k) => k === "guardrail_refused")).toHaveLength(2);
  });

  it("fails at once for a user that does not exist", async () => {
    const ctx = await newRunContext(t.db);
    await expect(ctx.step("disable ghost", () => ctx.integrations.identity.disableUser({ user: "ghost" }), { retries: 2, backoff: 1 })).rejects.toThrow(/failed after 1 attempt\(s\): user "ghost" not found/);
  });

  it("does not let a user name change the search filter", async () => {
    const ctx = await newRunContext(t.db);
    await expect(ctx.step("inject", () => ctx.integrations.ldap("corp-ldap").findUser({ user: "*)(uid=*" }))).rejects.toThrow(/not found/);
  });
});
