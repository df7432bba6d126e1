// Palo Alto Networks PAN-OS as a Vigil integration: a block registers a tag on the IP (User-ID
// API) with a timeout; a dynamic address group matching the tag, used in a deny rule, enforces it
// without a commit. Single addresses only: registered IPs are hosts.
import { z } from "zod";
import { actionsFor, defineIntegration } from "../define";
import { allowPrivateNetworkSchema, withNetworkConfig } from "../config";
import { IntegrationUsageError } from "../errors";
import { createHttpClient } from "../http/client";
import { blockParams, durationSeconds, ipParams, ipTargetOf } from "../network/block-params";
import { parseIpTarget } from "../network/ip-target";
import { PANOS_MAX_TAG_TIMEOUT_SECONDS, PanosClient } from "./client";

interface PanosConnection {
  client: PanosClient;
  tag: string;
}
const action = actionsFor<PanosConnection>();

const config = withNetworkConfig({
  url: z.string().url().meta({ title: "Firewall or Panorama URL", description: "https://<management address>" }),
  tag: z.string().trim().min(1).max(127).default("vigil-block").meta({ title: "Tag", description: "The tag your dynamic address group matches, e.g. 'vigil-block'. (Default: vigil-block)" }),
  vsys: z.string().trim().max(31).optional().meta({ title: "Virtual system", description: "For multi-vsys firewalls, e.g. vsys1." }),
  allowPrivateNetwork: allowPrivateNetworkSchema,
});

function host(ip: string) {
  const target = parseIpTarget(ip);
  if (target.isRange) throw new IntegrationUsageError(`PAN-OS registers tags on single addresses; ${ip} is a range (use another connection, or list its hosts)`);
  return target;
}

export default defineIntegration({
  id: "panos",
  title: "Palo Alto Networks PAN-OS",
  category: "network",
  description: "Block IPs for a time by tagging them for a dynamic address group (XML API, User-ID; no commit).",
  config,
  secret: z.object({ apiKey: z.string().min(1).meta({ title: "API key", description: "From type=keygen, for an admin role allowed the XML API (User-ID and operational requests)." }) }),
  connect: ({ config: c, secret }, ctx) => ({
    client: new PanosClient({ http: createHttpClient({ baseUrl: c.url, allowPrivateNetwork: c.allowPrivateNetwork, signal: ctx.signal, headers: { "X-PAN-KEY": secret.apiKey } }), vsys: c.vsys }),
    tag: c.tag,
  }),
  test: async ({ client, tag }) => `${await client.systemInfo()}; ${(await client.listTagged(tag)).length} IP(s) tagged "${tag}"`,
  actions: {
    blockIp: action.containment({
      summary: "Register the block tag on the IP with a timeout (User-ID register)",
      params: blockParams,
      target: ipTargetOf,
      duration: (p) => p.duration,
      run: async ({ client, tag }, p) => {
        const timeoutSeconds = Math.min(durationSeconds(p.duration), PANOS_MAX_TAG_TIMEOUT_SECONDS);
        await client.registerTag(host(p.ip), tag, timeoutSeconds);
        return { ip: p.ip, tag, timeoutSeconds };
      },
      inverse: (p) => ({ action: "unblockIp", params: { ip: p.ip } }),
    }),
    unblockIp: action.containment({
      summary: "Unregister the block tag from the IP (User-ID unregister)",
      params: ipParams,
      target: ipTargetOf,
      run: async ({ client, tag }, p) => {
        await client.unregisterTag(host(p.ip), tag);
        return { ip: p.ip, tag };
      },
    }),
    listBlocked: action.read({
      summary: "IPs registered with the block tag (show object registered-ip)",
      params: z.object({}),
      run: async ({ client, tag }) => client.listTagged(tag),
    }),
  },
});
