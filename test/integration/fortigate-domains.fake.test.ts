// Domain blocks on FortiGate through ctx.integrations against the fake FortiOS REST API: an FQDN
// address object lands in the domain group with a ledger row that expires, rollback and expiry
// remove exactly it, an existing block is recorded as unchanged, a full group is refused, and the
// domain guardrails (own/allow-listed domains, internal-only TLDs, invalid names) refuse before
// anything reaches the firewall.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containmentActions } from "@/server/db/schema";
import { domainAddressName } from "@/server/integrations/fortigate/client";
import { rollbackContainment } from "@/server/integrations/rollback";
import { logger } from "@/server/logger";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { newRunContext, seedCase, seedConnection } from "../helpers/integrations";
import { startFortigateFake, type FortigateFake } from "../fakes/fortigate";

let t: TestDatabase;
let forti: FortigateFake;
const undo = (actionId: string, reason: "manual" | "expiry" = "manual") => rollbackContainment(t.db, { actionId, actor: "user:analyst", reason, log: logger() });
const row = async (id: string) => (await t.db.select().from(containmentActions).where(eq(containmentActions.id, id)))[0]!;
const config = (fake: FortigateFake) => ({
  url: fake.url,
  group: "vigil-block",
  domainGroup: "vigil-domains",
  maxGroupMembers: 2,
  allowPrivateNetwork: true,
  network: { ownDomains: ["acme.example", "partner.example"], maxBlockDuration: "7d" },
});

beforeAll(async () => {
  [t, forti] = await Promise.all([createTestDatabase("fgtdomains"), startFortigateFake({ groups: ["vigil-block", "vigil-domains"], maxGroupMembers: 2 })]);
  await seedConnection(t.db, { integration: "fortigate", name: "fgt", config: config(forti), secret: { apiToken: forti.token } });
});
afterAll(async () => {
  await Promise.all([t?.drop(), forti?.stop()]);
});

describe("FortiGate domain blocks (fake FortiOS)", () => {
  it("blocks a domain as an FQDN object in the domain group with an expiry; rollback removes both", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const outcome = await ctx.step("block", () => ctx.integrations.fortigate.blockDomain({ domain: "Evil.Example.", duration: "4h", reason: "C2 of case 7" }));
    expect(outcome).toMatchObject({ status: "active", changed: true, target: "evil.example", result: { name: "vigil_evil.example", group: "vigil-domains", created: true } });
    expect(forti.address("vigil_evil.example")).toMatchObject({ type: "fqdn", fqdn: "evil.example", comment: "C2 of case 7" });
    expect(forti.members("vigil-domains")).toEqual(["vigil_evil.example"]);
    expect(forti.members("vigil-block")).toEqual([]);
    const recorded = await row(outcome.actionId);
    expect(recorded.inverse).toEqual({ action: "unblockDomain", params: { domain: "evil.example" } });
    expect(recorded.expiresAt!.getTime() - recorded.createdAt.getTime()).toBeGreaterThan(3.9 * 3_600_000);

    const again = await ctx.step("block again", () => ctx.integrations.fortigate.blockDomain({ domain: "evil.example", duration: "4h" }));
    expect(again).toMatchObject({ status: "completed", changed: false });
    expect((await row(again.actionId)).inverse).toBeNull();

    expect(await undo(outcome.actionId)).toMatchObject({ status: "rolled_back", performed: true });
    expect(forti.members("vigil-domains")).toEqual([]);
    expect(forti.address("vigil_evil.example")).toBeUndefined();
    expect((await row(outcome.actionId)).status).toBe("rolled_back");
  });

  it("expiry removes the block; a full domain group is refused before anything is created", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const a = await ctx.step("a", () => ctx.integrations.fortigate.blockDomain({ domain: "a.evil.example", duration: "1h" }));
    await ctx.step("b", () => ctx.integrations.fortigate.blockDomain({ domain: "b.evil.example", duration: "1h" }));
    await expect(ctx.step("c", () => ctx.integrations.fortigate.blockDomain({ domain: "c.evil.example", duration: "1h" }))).rejects.toThrow(/address group "vigil-domains" is full \(2 of 2 members\)/);
    expect(forti.address("vigil_c.evil.example")).toBeUndefined();
    await undo(a.actionId, "expiry");
    expect(forti.members("vigil-domains")).toEqual(["vigil_b.evil.example"]);
    expect((await row(a.actionId)).status).toBe("expired");
  });

  it("refuses own and allow-listed domains, internal-only names and invalid names with a clear error", async () => {
    const ctx = await newRunContext(t.db, { caseId: await seedCase(t.db) });
    const before = forti.members("vigil-domains");
    await expect(ctx.step("own", () => ctx.integrations.fortigate.blockDomain({ domain: "mail.ACME.example", duration: "1h" }))).rejects.toThrow(
      /mail\.acme\.example is within the own\/allow-listed domain acme\.example/,
    );
    await expect(ctx.step("parent", () => ctx.integrations.fortigate.blockDomain({ domain: "example", duration: "1h" }))).rejects.toThrow(/a single label is not a public domain/);
    await expect(ctx.step("internal", () => ctx.integrations.fortigate.blockDomain({ domain: "dc01.corp", duration: "1h" }))).rejects.toThrow(/internal-only top-level domain \.corp/);
    await expect(ctx.step("url", () => ctx.integrations.fortigate.blockDomain({ domain: "https://evil.example/x", duration: "1h" }))).rejects.toThrow(/not a valid domain name/);
    await expect(ctx.step("ip", () => ctx.integrations.fortigate.blockDomain({ domain: "198.51.100.7", duration: "1h" }))).rejects.toThrow(/an IP address is not a domain/);
    await expect(ctx.step("wildcard", () => ctx.integrations.fortigate.blockDomain({ domain: "*.evil.example", duration: "1h" }))).rejects.toThrow(/wildcards are not blocked/);
    await expect(ctx.step("too long", () => ctx.integrations.fortigate.blockDomain({ domain: "x.evil.example", duration: "30d" }))).rejects.toThrow(/exceeds this connection's longest block \(7d\)/);
    expect(forti.members("vigil-domains")).toEqual(before);
    const refused = (await t.db.select().from(containmentActions)).filter((r) => r.target === "mail.acme.example");
    expect(refused).toEqual([]); // refused before the ledger: nothing was claimed
  });

  it("names long domains uniquely within FortiOS's 79 characters", () => {
    const long = `${"a".repeat(60)}.${"b".repeat(60)}.example`;
    const other = `${"a".repeat(60)}.${"b".repeat(60)}.example2`.replace("example2", "exampleb");
    expect(domainAddressName(long)).toHaveLength(79);
    expect(domainAddressName(long)).not.toBe(domainAddressName(other));
    expect(domainAddressName("evil.example")).toBe("vigil_evil.example");
  });
});
