// Issue 7's story on REAL services: a playbook step blocks an attacker's IP for 1 h through a real
// CrowdSec LAPI and through nftables over SSH into a real sshd in a network namespace; each block
// is verified on the service itself (bouncer API, nft in the namespace), rolled back by an analyst,
// and a short block expires on time through the ledger's expiry job on a real worker. Network
// guardrails refuse protected ranges and over-long blocks.
import { execFileSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseEvents, connections, containmentActions, playbookRuns } from "@/server/db/schema";
import { startManualRun } from "@/server/engine/manual-run";
import { testConnection } from "@/server/integrations/connection-test";
import { rollbackContainment } from "@/server/integrations/rollback";
import { logger } from "@/server/logger";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import { newRunContext, seedCase, seedConnection } from "../helpers/integrations";
import { startCrowdsec, type CrowdsecService } from "../services/crowdsec";
import { startFirewallHost, type FirewallHost } from "../services/firewall-host";

let t: TestDatabase;
let worker: VigilWorker;
let cs: CrowdsecService;
let fw: FirewallHost;
let hostRulesetBefore: string;
const hostRuleset = () => execFileSync("nft", ["list", "ruleset"]).toString();
const nftSet = () => fw.nft("list", "set", "inet", "vigil", "blocklist_ip4");
const HOUR = 3_600_000;

beforeAll(async () => {
  hostRulesetBefore = hostRuleset();
  [t, cs, fw] = await Promise.all([createTestDatabase("netcontain"), startCrowdsec(), startFirewallHost()]);
  worker = await startWorker({ connectionString: t.url, concurrency: 2, pollInterval: 200 });
  await seedConnection(t.db, { integration: "crowdsec", name: "edge-crowdsec", config: { url: cs.url, machineId: cs.machineId, allowPrivateNetwork: true }, secret: { password: cs.password } });
  await seedConnection(t.db, {
    integration: "nftables",
    name: "fw1",
    config: { host: fw.host, port: fw.port, username: fw.username, hostKey: fw.hostPublicKey, network: { overrideRanges: ["10.213.0.0/16"], maxBlockDuration: "1d" } },
    secret: { privateKey: fw.privateKey },
  });
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all([t?.drop(), cs?.stop(), fw?.stop()]);
});

const row = async (id: string) => (await t.db.select().from(containmentActions).where(eq(containmentActions.id, id)))[0]!;

describe("network containment on real services", () => {
  it("tests both connections", async () => {
    const conns = await t.db.select().from(connections);
    const [crowdsec, nft] = await Promise.all(["edge-crowdsec", "fw1"].map((n) => testConnection(t.db, "test", conns.find((c) => c.name === n)!.id)));
    expect(crowdsec).toMatchObject({ ok: true, message: expect.stringMatching(/logged in as the machine; 0 active decision/) });
    expect(nft).toMatchObject({ ok: true, message: expect.stringMatching(/pinned host key works/) });
  });

  it("runs the block-attacker-ip playbook on the worker: 1 h on both, verified on each service", async () => {
    const caseId = await seedCase(t.db, "Password spraying from 198.51.100.61");
    const analyst = await seedUser(t.db, "analyst");
    const { runId } = await t.db.transaction((tx) => startManualRun(tx, analyst, { playbookId: "block-attacker-ip", caseId, input: { ip: "198.51.100.61", reason: "password spraying" } }));
    await expect.poll(async () => (await t.db.select().from(playbookRuns).where(eq(playbookRuns.id, runId)))[0]?.status, { timeout: 20_000 }).toBe("succeeded");
    expect(await cs.bouncerDecisions("198.51.100.61")).toEqual([expect.objectContaining({ type: "ban", scenario: "vigil: password spraying" })]);
    expect(await nftSet()).toMatch(/198\.51\.100\.61 timeout 1h expires/);
    const rows = await t.db.select().from(containmentActions).where(eq(containmentActions.runId, runId));
    expect(rows.map((r) => [r.action, r.status, r.target]).sort()).toEqual([
      ["blockIp", "active", "198.51.100.61"],
      ["blockIp", "active", "198.51.100.61"],
    ]);
    for (const r of rows) expect(r.expiresAt!.getTime() - r.createdAt.getTime()).toBeGreaterThan(HOUR - 60_000);
    for (const r of rows) await rollbackContainment(t.db, { actionId: r.id, actor: "user:analyst", reason: "manual", log: logger() });
    expect(await cs.bouncerDecisions("198.51.100.61")).toEqual([]);
    expect(await nftSet()).not.toContain("198.51.100.61");
  });

  it("blocks an IP for 1 h on CrowdSec and nftables, verified on each, then an analyst rolls both back", async () => {
    const caseId = await seedCase(t.db, "Brute force on VPN from 198.51.100.23");
    const ctx = await newRunContext(t.db, { caseId });
    const ip = "198.51.100.23";
    const viaCrowdsec = await ctx.step("ban at the edge", () => ctx.integrations.crowdsec.blockIp({ ip, duration: "1h", reason: "VPN brute force" }));
    const viaNft = await ctx.step("block on fw1", () => ctx.integrations.nftables.blockIp({ ip, duration: "1h", reason: "VPN brute force" }));

    for (const outcome of [viaCrowdsec, viaNft]) {
      expect(outcome).toMatchObject({ status: "active", target: ip, changed: true });
      const expiresIn = Date.parse(outcome.expiresAt!) - Date.now();
      expect(expiresIn).toBeGreaterThan(HOUR - 60_000);
      expect(expiresIn).toBeLessThanOrEqual(HOUR);
    }
    const [decision] = await cs.bouncerDecisions(ip);
    expect(decision).toMatchObject({ type: "ban", scope: "Ip", value: ip, scenario: "vigil: VPN brute force" });
    expect(decision!.duration).toMatch(/^(59m|1h0m0)/);
    expect(await nftSet()).toMatch(/198\.51\.100\.23 timeout 1h expires/);
    expect((await row(viaCrowdsec.actionId)).inverse).toEqual({ action: "deleteDecisions", params: { ip, ids: [decision!.id] } });

    for (const outcome of [viaCrowdsec, viaNft]) await rollbackContainment(t.db, { actionId: outcome.actionId, actor: "user:analyst", reason: "manual", log: logger() });
    expect(await cs.bouncerDecisions(ip)).toEqual([]);
    expect(await nftSet()).not.toContain(ip);
    expect((await row(viaCrowdsec.actionId)).status).toBe("rolled_back");
    expect((await row(viaNft.actionId)).status).toBe("rolled_back");
    const kinds = (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((e) => e.kind);
    expect(kinds.filter((k) => k === "containment")).toHaveLength(2);
    expect(kinds.filter((k) => k === "containment_rolled_back")).toHaveLength(2);
  });

  it("removes a block when its expiry comes, through the expiry job on the worker", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const ip = "198.51.100.77";
    // Blocks of 1 h on the systems, expiring after 3 s in the ledger: only the job can lift them in time.
    const a = await ctx.step("ban", () => ctx.integrations.crowdsec.blockIp({ ip, duration: "1h", expiresIn: "3s" }));
    const b = await ctx.step("block", () => ctx.integrations.nftables.blockIp({ ip, duration: "1h", expiresIn: "3s" }));
    expect(await cs.bouncerDecisions(ip)).toHaveLength(1);
    expect(await nftSet()).toContain(ip);
    await expect.poll(async () => [(await row(a.actionId)).status, (await row(b.actionId)).status], { timeout: 15_000, interval: 250 }).toEqual(["expired", "expired"]);
    expect((await row(a.actionId)).rolledBackAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(a.expiresAt!));
    expect(await cs.bouncerDecisions(ip)).toEqual([]);
    expect(await nftSet()).not.toContain(ip);
  });

  it("refuses protected ranges and over-long blocks, unless an admin listed the range as an override", async () => {
    const caseId = await seedCase(t.db);
    const ctx = await newRunContext(t.db, { caseId });
    await expect(ctx.step("ban private", () => ctx.integrations.crowdsec.blockIp({ ip: "10.1.2.3", duration: "1h" }))).rejects.toThrow(/overlaps the protected range 10\.0\.0\.0\/8/);
    await expect(ctx.step("too long", () => ctx.integrations.nftables.blockIp({ ip: "198.51.100.5", duration: "2d" }))).rejects.toThrow(/exceeds this connection's longest block \(1d\)/);
    // fw1's admin allowed 10.213.0.0/16 (an internal segment) to be blocked.
    const allowed = await ctx.step("isolate", () => ctx.integrations.nftables.blockIp({ ip: "10.213.250.9", duration: "10m" }));
    expect(allowed.status).toBe("active");
    expect(await nftSet()).toContain("10.213.250.9");
    const refusals = (await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).filter((e) => e.kind === "guardrail_refused");
    expect(refusals.map((e) => (e.data as { rule: string }).rule)).toEqual(["protected_entity", "duration_cap"]);
    expect(await cs.bouncerDecisions("10.1.2.3")).toEqual([]);
  });

  it("left the machine's own ruleset untouched", () => {
    expect(hostRuleset()).toBe(hostRulesetBefore);
  });
});
