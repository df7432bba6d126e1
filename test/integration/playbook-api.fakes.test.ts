// The ctx.integrations additions the shipped playbooks stand on, against Postgres and fake
// firewalls: network.blockIp falls through failing connections, stops at a guardrail, and answers
// "cannot" instead of throwing; network.blockDomain does the same on connections that can block
// domains (FortiGate) and says when none can; cases.* raises severity, attaches observables and finds other
// hosts that saw an indicator.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseEvents, cases, connections, containmentActions } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { ingestAlert, seedSource } from "../helpers/fixtures";
import { newRunContext, seedCase, seedConnection } from "../helpers/integrations";
import { startFortigateFake, type FortigateFake } from "../fakes/fortigate";
import { startPanosFake, type PanosFake } from "../fakes/panos";

let t: TestDatabase;
let panos: PanosFake;
let forti: FortigateFake;

beforeAll(async () => {
  [t, panos, forti] = await Promise.all([createTestDatabase("pbapi"), startPanosFake(), startFortigateFake()]);
});
afterAll(async () => {
  await Promise.all([t?.drop(), panos?.stop(), forti?.stop()]);
});

describe("network.blockIp", () => {
  it("says no blocking connection is configured instead of failing", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const result = await ctx.step("block", () => ctx.integrations.network.blockIp({ ip: "198.51.100.7", duration: "24h" }));
    expect(result).toMatchObject({ blocked: false, reason: "no blocking connection configured (CrowdSec or a firewall)" });
  });

  it("falls through a failing firewall to the next one, and never touches an internal address", async () => {
    await seedConnection(t.db, { integration: "panos", name: "pa-broken", config: { url: panos.url, allowPrivateNetwork: true }, secret: { apiKey: "wrong-key" } });
    await seedConnection(t.db, { integration: "fortigate", name: "fgt", config: { url: forti.url, group: "vigil-block", group6: "vigil-block6", allowPrivateNetwork: true }, secret: { apiToken: forti.token } });
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const result = await ctx.step("block", () => ctx.integrations.network.blockIp({ ip: "198.51.100.8", duration: "24h", reason: "test" }));
    expect(result).toMatchObject({ blocked: true, connection: "fgt" });
    expect(result.failures.map((f) => f.connection)).toEqual(["pa-broken"]);
    expect(forti.members("vigil-block")).toContain("vigil_198.51.100.8");
    const [row] = await t.db.select().from(containmentActions).where(eq(containmentActions.id, result.actionId!));
    expect(row!.expiresAt!.getTime() - row!.createdAt.getTime()).toBeGreaterThan(23.9 * 3_600_000);

    const internal = await ctx.step("block internal", () => ctx.integrations.network.blockIp({ ip: "10.1.2.3", duration: "24h" }));
    expect(internal).toMatchObject({ blocked: false, reason: "10.1.2.3 is not a public IP address; internal addresses are never blocked" });
  });

  it("reports a guardrail refusal (own egress range) as not blocked, without failing the step", async () => {
    await t.db.update(connections).set({ enabled: false }).where(eq(connections.name, "pa-broken"));
    await t.db.update(connections).set({ config: { url: forti.url, group: "vigil-block", group6: "vigil-block6", allowPrivateNetwork: true, network: { ownEgress: ["198.51.100.0/24"] } } }).where(eq(connections.name, "fgt"));
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const result = await ctx.step("block egress", () => ctx.integrations.network.blockIp({ ip: "198.51.100.9", duration: "24h" }));
    expect(result.blocked).toBe(false);
    expect(result.reason).toMatch(/protected range 198\.51\.100\.0\/24 \(own egress range\)/);
  });
});

describe("network.blockDomain", () => {
  it("says no connection can block domains (configured: false) when only IP blockers exist", async () => {
    await t.db.update(connections).set({ enabled: false }).where(eq(connections.name, "fgt"));
    await seedConnection(t.db, { integration: "panos", name: "pa-ip-only", config: { url: panos.url, allowPrivateNetwork: true }, secret: { apiKey: panos.apiKey } });
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const result = await ctx.step("block domain", () => ctx.integrations.network.blockDomain({ domain: "c2.example", duration: "24h" }));
    expect(result).toMatchObject({ domain: "c2.example", blocked: false, configured: false, reason: "no connection can block domains (FortiGate)" });
    await t.db.update(connections).set({ enabled: false }).where(eq(connections.name, "pa-ip-only"));
  });

  it("blocks on FortiGate with an expiry; own domains and invalid names come back as not blocked", async () => {
    const config = { url: forti.url, group: "vigil-block", allowPrivateNetwork: true, network: { ownDomains: ["acme.example"] } };
    await t.db.update(connections).set({ enabled: true, config }).where(eq(connections.name, "fgt"));
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const result = await ctx.step("block domain", () => ctx.integrations.network.blockDomain({ domain: "C2.Example", duration: "24h", reason: "C2" }));
    expect(result).toMatchObject({ domain: "c2.example", blocked: true, configured: true, connection: "fgt", failures: [] });
    expect(forti.address("vigil_c2.example")).toMatchObject({ type: "fqdn", fqdn: "c2.example", comment: "C2" });
    expect(forti.members("vigil-block")).toContain("vigil_c2.example");
    const [row] = await t.db.select().from(containmentActions).where(eq(containmentActions.id, result.actionId!));
    expect(row!.expiresAt!.getTime() - row!.createdAt.getTime()).toBeGreaterThan(23.9 * 3_600_000);

    const own = await ctx.step("block own", () => ctx.integrations.network.blockDomain({ domain: "login.acme.example", duration: "24h" }));
    expect(own).toMatchObject({ blocked: false, configured: true });
    expect(own.reason).toMatch(/login\.acme\.example is within the own\/allow-listed domain acme\.example/);
    const invalid = await ctx.step("block invalid", () => ctx.integrations.network.blockDomain({ domain: "not a domain", duration: "24h" }));
    expect(invalid).toMatchObject({ blocked: false, configured: true });
    expect(invalid.reason).toMatch(/is not a valid domain name/);
  });
});

describe("cases api", () => {
  it("raises the severity, never lowers it, and says so on the timeline", async () => {
    const caseId = await seedCase(t.db); // high
    const ctx = await newRunContext(t.db, { caseId });
    expect(await ctx.step("critical", () => ctx.integrations.cases.raiseSeverity({ severity: "critical", reason: "malware" }))).toEqual({ from: "high", to: "critical", changed: true });
    expect(await ctx.step("medium", () => ctx.integrations.cases.raiseSeverity({ severity: "medium" }))).toEqual({ from: "critical", to: "critical", changed: false });
    const [row] = await t.db.select({ severity: cases.severity }).from(cases).where(eq(cases.id, caseId));
    expect(row!.severity).toBe("critical");
    const events = (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).filter((e) => e.kind === "severity_changed");
    expect(events.map((e) => e.data)).toEqual([{ from: "high", to: "critical", reason: "malware" }]);
  });

  it("finds other hosts that saw an indicator and attaches them once", async () => {
    const source = await seedSource(t.db);
    await ingestAlert(t.db, source, { title: "beacon from ws-7", host: "ws-7", src_ip: "10.3.3.7", dst_ip: "198.51.100.99" });
    await ingestAlert(t.db, source, { title: "lookup from ws-8", host: "ws-8", domain: "c2.example" });
    await ingestAlert(t.db, source, { title: "unrelated", host: "ws-9", dst_ip: "198.51.100.1" });
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    const hosts = await ctx.step("related", () =>
      ctx.integrations.cases.relatedHosts({ indicators: [{ type: "ip", value: "198.51.100.99" }, { type: "domain", value: "c2.example" }] }),
    );
    expect(hosts.map((h) => `${h.type}:${h.value}`).sort()).toEqual(["host:ws-7", "host:ws-8", "ip:10.3.3.7"]);
    const observables = hosts.map(({ type, value }) => ({ type, value }));
    expect(await ctx.step("attach", () => ctx.integrations.cases.attachObservables({ observables, note: "same C2" }))).toEqual({ attached: 3 });
    expect(await ctx.step("attach again", () => ctx.integrations.cases.attachObservables({ observables }))).toEqual({ attached: 0 });
    const kinds = (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => e.kind);
    expect(kinds.filter((k) => k === "observables_attached")).toHaveLength(1);
  });
});
