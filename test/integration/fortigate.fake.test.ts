// FortiGate transport against the fake FortiOS REST API: address object in and out of the block
// group, the group's member limit respected, FortiOS error numbers explained.
import { afterEach, describe, expect, it } from "vitest";
import { FortigateClient, addressName } from "@/server/integrations/fortigate/client";
import { createHttpClient } from "@/server/integrations/http/client";
import { parseIpTarget } from "@/server/integrations/network/ip-target";
import { startFortigateFake, type FortigateFake } from "../fakes/fortigate";

let fake: FortigateFake;
const client = (token: string, maxGroupMembers = 600) =>
  new FortigateClient({ http: createHttpClient({ baseUrl: fake.url, allowPrivateNetwork: true, retries: 0, headers: { authorization: `Bearer ${token}` } }), vdom: "root", group: "vigil-block", group6: "vigil-block6", maxGroupMembers });

afterEach(async () => {
  await fake?.stop();
});

describe("FortiGate REST client", () => {
  it("creates an address object, adds it to the group, and removes both on unblock", async () => {
    fake = await startFortigateFake();
    const block = await client(fake.token).block(parseIpTarget("198.51.100.23"), "case 7");
    expect(block).toEqual({ name: "vigil_198.51.100.23", group: "vigil-block", family: 4, created: true });
    expect(fake.address("vigil_198.51.100.23")).toMatchObject({ type: "ipmask", subnet: "198.51.100.23 255.255.255.255" });
    expect(fake.members("vigil-block")).toEqual(["vigil_198.51.100.23"]);

    await client(fake.token).unblock(block);
    expect(fake.members("vigil-block")).toEqual([]);
    expect(fake.address("vigil_198.51.100.23")).toBeUndefined();
    await client(fake.token).unblock(block); // already gone: fine
  });

  it("blocks IPv6 ranges through address6/addrgrp6 and reports an existing block as unchanged", async () => {
    fake = await startFortigateFake();
    const target = parseIpTarget("2001:db8::/48");
    expect(addressName(target)).toBe("vigil_2001-db8--_48");
    await client(fake.token).block(target, "x");
    expect(fake.address("vigil_2001-db8--_48", 6)).toMatchObject({ ip6: "2001:db8::/48" });
    expect((await client(fake.token).block(target, "x")).created).toBe(false);
  });

  it("refuses to add to a full group before creating anything", async () => {
    fake = await startFortigateFake({ maxGroupMembers: 1 });
    await client(fake.token, 1).block(parseIpTarget("198.51.100.1"), "x");
    await expect(client(fake.token, 1).block(parseIpTarget("198.51.100.2"), "x")).rejects.toThrow(/address group "vigil-block" is full \(1 of 1 members\)/);
    expect(fake.address("vigil_198.51.100.2")).toBeUndefined();
  });

  it("explains FortiOS error numbers and a refused token", async () => {
    fake = await startFortigateFake({ maxGroupMembers: 1 });
    await client(fake.token, 5).block(parseIpTarget("198.51.100.1"), "x");
    // our limit says 5, the device says 1: its -4 comes back explained
    await expect(client(fake.token, 5).block(parseIpTarget("198.51.100.2"), "x")).rejects.toThrow(/FortiOS error -4: maximum number of entries reached/);
    await expect(client("wrong").block(parseIpTarget("198.51.100.3"), "x")).rejects.toThrow(/refused the API token \(401\)/);
  });
});
