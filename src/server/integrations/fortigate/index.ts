// FortiGate as a Vigil integration: a block is an address object (an IP, a range, or an FQDN for
// domain blocks) in an address group that a deny policy references. FortiGate cannot expire
// objects, so the ledger's expiry job removes them.
import { z } from "zod";
import { actionsFor, defineIntegration } from "../define";
import { allowPrivateNetworkSchema, withNetworkConfig } from "../config";
import { createHttpClient } from "../http/client";
import { blockParams, domainBlockParams, domainParams, domainTargetOf, ipParams, ipTargetOf } from "../network/block-params";
import { parseIpTarget } from "../network/ip-target";
import { addressName, domainAddressName, FortigateClient } from "./client";

const action = actionsFor<FortigateClient>();

const config = withNetworkConfig({
  url: z.string().url().meta({ title: "FortiGate URL", description: "https://<management address>[:port]" }),
  vdom: z.string().trim().min(1).max(31).default("root").meta({ title: "VDOM", description: "(Default: root)" }),
  group: z.string().trim().min(1).max(79).meta({ title: "IPv4 address group", description: "The address group your deny policy uses; blocked addresses are added to it." }),
  group6: z.string().trim().min(1).max(79).optional().meta({ title: "IPv6 address group", description: "For IPv6 blocks (addrgrp6); without it IPv6 targets are refused." }),
  domainGroup: z
    .string()
    .trim()
    .min(1)
    .max(79)
    .optional()
    .meta({ title: "Domain address group", description: "For domain blocks (FQDN address objects); must be used by a deny policy too. (Default: the IPv4 address group)" }),
  maxGroupMembers: z.number().int().min(1).max(100_000).default(600).meta({ title: "Group member limit", description: "Your model's limit for members of one address group (FortiOS Maximum Values Table). (Default: 600)" }),
  allowPrivateNetwork: allowPrivateNetworkSchema,
});

export default defineIntegration({
  id: "fortigate",
  title: "FortiGate",
  category: "network",
  description: "Block IPs, ranges and domains (FQDN objects) by putting address objects into an address group used by a deny policy (FortiOS REST API).",
  config,
  secret: z.object({ apiToken: z.string().min(1).meta({ title: "REST API token", description: "Of a REST API admin with read-write on firewall addresses." }) }),
  connect: ({ config: c, secret }, ctx) =>
    new FortigateClient({
      http: createHttpClient({ baseUrl: c.url, allowPrivateNetwork: c.allowPrivateNetwork, signal: ctx.signal, headers: { authorization: `Bearer ${secret.apiToken}` } }),
      vdom: c.vdom,
      group: c.group,
      group6: c.group6,
      domainGroup: c.domainGroup,
      maxGroupMembers: c.maxGroupMembers,
    }),
  test: async (client) => `address group reachable with ${(await client.members(4, client.groupName(4))).length} member(s)`,
  actions: {
    blockIp: action.containment({
      summary: "Create an address object for the IP or range and add it to the block group",
      params: blockParams,
      target: ipTargetOf,
      duration: (p) => p.duration,
      run: async (client, p, ctx) => ({ ...(await client.block(parseIpTarget(p.ip), ctx.reason ?? "blocked by Vigil")) }),
      unchanged: (result) => !result.created,
      inverse: (p, result) => (result.created ? { action: "unblockIp", params: { ip: p.ip } } : null),
    }),
    unblockIp: action.containment({
      summary: "Take the address object out of the block group and delete it; already gone is fine",
      params: ipParams,
      target: ipTargetOf,
      run: async (client, p) => {
        const target = parseIpTarget(p.ip);
        const block = { name: addressName(target), group: client.groupName(target.version), family: target.version };
        await client.unblock(block);
        return block;
      },
    }),
    blockDomain: action.containment({
      summary: "Create an FQDN address object for the domain and add it to the domain block group",
      params: domainBlockParams,
      target: domainTargetOf,
      duration: (p) => p.duration,
      run: async (client, p, ctx) => ({ ...(await client.blockDomain(p.domain, ctx.reason ?? "blocked by Vigil")) }),
      unchanged: (result) => !result.created,
      inverse: (p, result) => (result.created ? { action: "unblockDomain", params: { domain: p.domain } } : null),
    }),
    unblockDomain: action.containment({
      summary: "Take the FQDN address object out of the domain block group and delete it; already gone is fine",
      params: domainParams,
      target: domainTargetOf,
      run: async (client, p) => {
        const block = { name: domainAddressName(p.domain), group: client.domainGroupName(), family: 4 as const };
        await client.unblock(block);
        return block;
      },
    }),
    listBlocked: action.read({
      summary: "Members of the block group(s)",
      params: z.object({}),
      run: async (client) => ({ ipv4: await client.members(4, client.groupName(4)), ...(client.domainGroupName() !== client.groupName(4) ? { domains: await client.members(4, client.domainGroupName()) } : {}) }),
    }),
  },
});
