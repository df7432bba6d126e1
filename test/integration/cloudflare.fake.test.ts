// Cloudflare transport against the fake API v4: block rules created and deleted by id; an existing
// rule (10009) is reported as not created so our rollback never deletes someone else's rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudflareClient } from "@/server/integrations/cloudflare/client";
import { createHttpClient } from "@/server/integrations/http/client";
import { parseIpTarget } from "@/server/integrations/network/ip-target";
import { startCloudflareFake, type CloudflareFake } from "../fakes/cloudflare";

let fake: CloudflareFake;
const client = (token: string) =>
  new CloudflareClient({ http: createHttpClient({ baseUrl: fake.url, allowPrivateNetwork: true, retries: 0, headers: { authorization: `Bearer ${token}` } }), scope: { kind: "zone", id: fake.zoneId } });

beforeAll(async () => {
  fake = await startCloudflareFake();
});
afterAll(async () => {
  await fake?.stop();
});

describe("Cloudflare IP Access Rules client", () => {
  it("creates a block rule and deletes it by id", async () => {
    const { rule, created } = await client(fake.token).block(parseIpTarget("198.51.100.23"), "vigil case 7");
    expect(created).toBe(true);
    expect(fake.rules()).toEqual([expect.objectContaining({ id: rule.id, mode: "block", configuration: { target: "ip", value: "198.51.100.23" }, notes: "vigil case 7" })]);
    expect(await client(fake.token).unblock(rule.id)).toBe(true);
    expect(fake.rules()).toEqual([]);
    expect(await client(fake.token).unblock(rule.id)).toBe(false);
  });

  it("reports an existing rule for the same address as not created", async () => {
    const first = await client(fake.token).block(parseIpTarget("2001:db8::7"), "first");
    const second = await client(fake.token).block(parseIpTarget("2001:db8::7"), "second");
    expect(second).toEqual({ rule: expect.objectContaining({ id: first.rule.id, configuration: { target: "ip6", value: "2001:db8::7" } }), created: false });
  });

  it("refuses range sizes Cloudflare does not accept, before calling it", async () => {
    const before = fake.requests.length;
    await expect(client(fake.token).block(parseIpTarget("203.0.113.0/25"), "x")).rejects.toThrow(/accept IPv4 ranges only as \/16, \/24/);
    expect(fake.requests.length).toBe(before);
    await client(fake.token).block(parseIpTarget("203.0.113.0/24"), "x");
  });

  it("explains a refused token", async () => {
    await expect(client("wrong").block(parseIpTarget("198.51.100.9"), "x")).rejects.toThrow(/Cloudflare refused the API token .*10000 Authentication error/);
  });
});
