// nftables over SSH against a REAL sshd + nftables inside a network namespace created for this
// file: blocks land in the namespace's ruleset (checked with nft directly, not over SSH), expire on
// their own, are removed by unblock, and the machine's own ruleset is never touched.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NftablesClient } from "@/server/integrations/nftables/client";
import { parseIpTarget } from "@/server/integrations/network/ip-target";
import { startFirewallHost, type FirewallHost } from "../services/firewall-host";

let fw: FirewallHost;
let client: NftablesClient;
let hostRulesetBefore: string;
const layout = { table: "vigil", set: "blocklist", dropChains: true };
const hostRuleset = () => execFileSync("nft", ["list", "ruleset"]).toString();

function connection(overrides: Partial<{ hostKey: string; privateKey: string }> = {}) {
  return new NftablesClient({
    ssh: { host: fw.host, port: fw.port, username: fw.username, privateKey: fw.privateKey, hostKey: fw.hostPublicKey, timeoutMs: 10_000, ...overrides },
    layout,
    sudo: false,
  });
}

beforeAll(async () => {
  hostRulesetBefore = hostRuleset();
  fw = await startFirewallHost();
  client = connection();
});
afterAll(async () => {
  await fw?.stop();
});

describe("nftables over SSH", () => {
  it("blocks an address with a timeout in Vigil's own table and lists it", async () => {
    await client.block(parseIpTarget("198.51.100.9"), 3600);
    const set = JSON.parse(await fw.nft("-j", "list", "set", "inet", "vigil", "blocklist_ip4")) as { nftables: Array<{ set?: { elem: unknown[] } }> };
    expect(set.nftables[1]!.set!.elem).toEqual([{ elem: { val: "198.51.100.9", timeout: 3600, expires: expect.any(Number) } }]);
    expect(await client.list()).toEqual([expect.objectContaining({ value: "198.51.100.9", set: "blocklist_ip4", timeoutSeconds: 3600 })]);
    // the drop chains reference the sets
    expect(await fw.nft("list", "chain", "inet", "vigil", "input")).toMatch(/ip saddr @blocklist_ip4 drop/);
  });

  it("blocks a range and an address inside it, IPv6 too, and re-times an existing block", async () => {
    await client.block(parseIpTarget("203.0.113.0/24"), 600);
    await client.block(parseIpTarget("203.0.113.5"), 600);
    await client.block(parseIpTarget("2001:db8::/48"), 600);
    await client.block(parseIpTarget("198.51.100.9"), 120);
    const listed = await client.list();
    expect(listed.map((e) => [e.value, e.timeoutSeconds]).sort()).toEqual([
      ["198.51.100.9", 120],
      ["2001:db8::/48", 600],
      ["203.0.113.0/24", 600],
      ["203.0.113.5", 600],
    ]);
  });

  it("unblocks, and unblocking twice is not an error", async () => {
    await client.unblock(parseIpTarget("198.51.100.9"));
    await client.unblock(parseIpTarget("198.51.100.9"));
    expect(await fw.nft("list", "set", "inet", "vigil", "blocklist_ip4")).not.toContain("198.51.100.9");
  });

  it("lets nftables expire a short block by itself", async () => {
    await client.block(parseIpTarget("198.51.100.77"), 2);
    expect(await fw.nft("list", "set", "inet", "vigil", "blocklist_ip4")).toContain("198.51.100.77");
    await expect.poll(async () => fw.nft("list", "set", "inet", "vigil", "blocklist_ip4"), { timeout: 6_000, interval: 250 }).not.toContain("198.51.100.77");
  });

  it("refuses a host whose key does not match the pin, before authenticating", async () => {
    const other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    await expect(connection({ hostKey: other }).list()).rejects.toThrow(/does not match the pinned key/);
  });

  it("leaves the machine's own ruleset untouched", () => {
    expect(hostRuleset()).toBe(hostRulesetBefore);
  });
});
