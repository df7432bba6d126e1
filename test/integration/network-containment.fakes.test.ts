// PAN-OS, FortiGate and Cloudflare through ctx.integrations against their documented fakes:
// blocks land on the (fake) system, the ledger's inverse removes exactly what was added, a block
// that already existed is recorded as unchanged and never rolled back, and vendor limits fail the
// step with a message naming them.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containmentActions } from "@/server/db/schema";
import { rollbackContainment } from "@/server/integrations/rollback";
import { logger } from "@/server/logger";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { newRunContext, seedCase, seedConnection } from "../helpers/integrations";
import { startCloudflareFake, type CloudflareFake } from "../fakes/cloudflare";
import { startFortigateFake, type FortigateFake } from "../fakes/fortigate";
import { startPanosFake, type PanosFake } from "../fakes/panos";

let t: TestDatabase;
let panos: PanosFake;
let forti: FortigateFake;
let cf: CloudflareFake;
const rollback = (actionId: string) => rollbackContainment(t.db, { actionId, actor: "user:analyst", reason: "manual", log: logger() });
const row = async (id: string) => (await t.db.select().from(containmentActions).where(eq(containmentActions.id, id)))[0]!;

beforeAll(async () => {
  [t, panos, forti, cf] = await Promise.all([createTestDatabase("netfakes"), startPanosFake(), startFortigateFake({ maxGroupMembers: 2 }), startCloudflareFake()]);
  await seedConnection(t.db, { integration: "panos", name: "pa-edge", config: { url: panos.url, allowPrivateNetwork: true }, secret: { apiKey: panos.apiKey } });
  await seedConnection(t.db, { integration: "fortigate", name: "fgt", config: { url: forti.url, group: "vigil-block", group6: "vigil-block6", maxGroupMembers: 2, allowPrivateNetwork: true }, secret: { apiToken: forti.token } });
  await seedConnection(t.db, { integration: "cloudflare", name: "cf-zone", config: { scopeId: cf.zoneId, apiBase: cf.url, allowPrivateNetwork: true }, secret: { apiToken: cf.token } });
});
afterAll(async () => {
  await Promise.all([t?.drop(), panos?.stop(), forti?.stop(), cf?.stop()]);
});

describe("network containment on PAN-OS, FortiGate and Cloudflare (fakes)", () => {
  it("PAN-OS: tags the IP with the block's duration as timeout; the inverse unregisters it", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const outcome = await ctx.step("tag", () => ctx.integrations.panos.blockIp({ ip: "198.51.100.23", duration: "1h" }));
    expect(outcome).toMatchObject({ status: "active", result: { ip: "198.51.100.23", tag: "vigil-block", timeoutSeconds: 3600 } });
    expect(panos.tagsOf("198.51.100.23")).toEqual(["vigil-block"]);
    await rollback(outcome.actionId);
    expect(panos.tagsOf("198.51.100.23")).toEqual([]);
    await expect(ctx.step("range", () => ctx.integrations.panos.blockIp({ ip: "203.0.113.0/24", duration: "1h" }))).rejects.toThrow(/PAN-OS registers tags on single addresses/);
  });

  it("FortiGate: address object in the group and out again; a full group fails the step", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const first = await ctx.step("block 1", () => ctx.integrations.fortigate.blockIp({ ip: "198.51.100.1", duration: "4h", reason: "case 7" }));
    expect(forti.address("vigil_198.51.100.1")).toMatchObject({ subnet: "198.51.100.1 255.255.255.255", comment: "case 7" });
    expect((await row(first.actionId)).inverse).toEqual({ action: "unblockIp", params: { ip: "198.51.100.1" } });
    const again = await ctx.step("block 1 again", () => ctx.integrations.fortigate.blockIp({ ip: "198.51.100.1", duration: "4h" }));
    expect(again).toMatchObject({ status: "completed", changed: false });
    await ctx.step("block 2", () => ctx.integrations.fortigate.blockIp({ ip: "2001:db8::9", duration: "4h" }));
    await ctx.step("block 3", () => ctx.integrations.fortigate.blockIp({ ip: "198.51.100.2", duration: "4h" }));
    await expect(ctx.step("block 4", () => ctx.integrations.fortigate.blockIp({ ip: "198.51.100.3", duration: "4h" }))).rejects.toThrow(/address group "vigil-block" is full \(2 of 2 members\)/);
    await rollback(first.actionId);
    expect(forti.members("vigil-block")).toEqual(["vigil_198.51.100.2"]);
    expect(forti.address("vigil_198.51.100.1")).toBeUndefined();
  });

  it("Cloudflare: creates a block rule and deletes it by id; an existing rule is left alone", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const made = await ctx.step("block", () => ctx.integrations.cloudflare.blockIp({ ip: "203.0.113.0/24", duration: "1d", reason: "scanner" }));
    expect(cf.rules()).toEqual([expect.objectContaining({ id: made.result.ruleId, mode: "block", notes: "Vigil: scanner", configuration: { target: "ip_range", value: "203.0.113.0/24" } })]);
    const dup = await ctx.step("block again", () => ctx.integrations.cloudflare.blockIp({ ip: "203.0.113.0/24", duration: "1d" }));
    expect(dup).toMatchObject({ status: "completed", changed: false, result: { ruleId: made.result.ruleId, created: false } });
    expect((await row(dup.actionId)).inverse).toBeNull();
    await rollback(made.actionId);
    expect(cf.rules()).toEqual([]);
  });
});
