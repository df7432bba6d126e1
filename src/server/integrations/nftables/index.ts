// nftables over SSH as a Vigil integration: timed elements in Vigil's own table on a Linux
// firewall; nftables removes them when the timeout passes, the inverse removes them earlier.
import { z } from "zod";
import { actionsFor, defineIntegration } from "../define";
import { withNetworkConfig } from "../config";
import { blockParams, durationSeconds, ipParams, ipTargetOf } from "../network/block-params";
import { parseIpTarget } from "../network/ip-target";
import { hostKeyPinSchema } from "../ssh/exec";
import { NftablesClient } from "./client";
import { nftNameSchema } from "./ruleset";

const action = actionsFor<NftablesClient>();

const config = withNetworkConfig({
  host: z.string().trim().min(1).max(253).meta({ title: "Firewall host", description: "Address or name of the Linux firewall Vigil reaches over SSH." }),
  port: z.number().int().min(1).max(65535).default(22).meta({ title: "SSH port" }),
  username: z.string().trim().min(1).max(64).default("root").meta({ title: "SSH user", description: "root, or a user allowed to run nft (then enable sudo)." }),
  hostKey: hostKeyPinSchema.meta({ title: "Pinned host key", description: 'The host\'s public key ("ssh-ed25519 AAAA...", from /etc/ssh/ssh_host_ed25519_key.pub) or its SHA256 fingerprint. Any other key is refused.' }),
  table: nftNameSchema.default("vigil").meta({ title: "nftables table", description: "Vigil's own table (family inet); nothing else on the host is touched. (Default: vigil)" }),
  set: nftNameSchema.default("blocklist").meta({ title: "Set name", description: "Base name of the timed sets (<set>_ip4, _ip6, _net4, _net6). (Default: blocklist)" }),
  dropChains: z.boolean().default(true).meta({ title: "Create drop chains", description: "Add input/forward/output chains that drop traffic from and to the sets. Off: reference the sets from your own rules." }),
  sudo: z.boolean().default(false).meta({ title: "Use sudo", description: "Run `sudo -n nft` (the SSH user needs a NOPASSWD rule for nft)." }),
});

export default defineIntegration({
  id: "nftables",
  title: "nftables (SSH)",
  category: "network",
  description: "Block IPs and ranges for a time in a dedicated nftables table on a Linux firewall, over SSH with a pinned host key.",
  config,
  secret: z.object({
    privateKey: z.string().min(1).meta({ title: "SSH private key", description: "OpenSSH or PEM private key (ed25519 recommended).", format: "textarea" }),
    passphrase: z.string().optional().meta({ title: "Key passphrase" }),
  }),
  connect: ({ config: c, secret }) =>
    new NftablesClient({
      ssh: { host: c.host, port: c.port, username: c.username, privateKey: secret.privateKey, passphrase: secret.passphrase, hostKey: c.hostKey },
      layout: { table: c.table, set: c.set, dropChains: c.dropChains },
      sudo: c.sudo,
    }),
  test: async (client) => `SSH with the pinned host key works; ${(await client.list()).length} element(s) blocked in Vigil's table`,
  actions: {
    blockIp: action.containment({
      summary: "Add the IP or range to Vigil's timed set (nft add element ... timeout)",
      params: blockParams,
      target: ipTargetOf,
      duration: (p) => p.duration,
      run: async (client, p) => {
        const timeoutSeconds = durationSeconds(p.duration);
        await client.block(parseIpTarget(p.ip), timeoutSeconds);
        return { ip: p.ip, timeoutSeconds };
      },
      inverse: (p) => ({ action: "unblockIp", params: { ip: p.ip } }),
    }),
    unblockIp: action.containment({
      summary: "Remove the IP or range from Vigil's sets (nft delete element); already gone is fine",
      params: ipParams,
      target: ipTargetOf,
      run: async (client, p) => {
        await client.unblock(parseIpTarget(p.ip));
        return { ip: p.ip };
      },
    }),
    listBlocked: action.read({
      summary: "Elements of Vigil's sets with the seconds left (nft -j list table)",
      params: z.object({}),
      run: async (client) => (await client.list()).map((e) => ({ value: e.value, set: e.set, timeoutSeconds: e.timeoutSeconds ?? null, expiresSeconds: e.expiresSeconds ?? null })),
    }),
  },
});
