// Cloudflare as a Vigil integration: IP Access Rules in "block" mode on a zone or account.
// Cloudflare cannot expire rules, so the ledger's expiry job deletes the rule by its id; a rule
// that existed before is left alone (no inverse).
import { z } from "zod";
import { actionsFor, defineIntegration } from "../define";
import { allowPrivateNetworkSchema, withNetworkConfig } from "../config";
import { createHttpClient } from "../http/client";
import { blockParams, ipParams, ipTargetOf } from "../network/block-params";
import { parseIpTarget } from "../network/ip-target";
import { accessRuleConfiguration, CloudflareClient } from "./client";

const action = actionsFor<CloudflareClient>();

const config = withNetworkConfig({
  scope: z.enum(["zone", "account"]).default("zone").meta({ title: "Scope", description: "zone: rules apply to one site; account: to every zone of the account." }),
  scopeId: z.string().trim().regex(/^[0-9a-f]{32}$/, "a 32-character hex zone or account id").meta({ title: "Zone or account id" }),
  apiBase: z.string().url().default("https://api.cloudflare.com").meta({ title: "API base URL", description: "(Default: https://api.cloudflare.com)" }),
  allowPrivateNetwork: allowPrivateNetworkSchema,
});

export default defineIntegration({
  id: "cloudflare",
  title: "Cloudflare",
  category: "network",
  description: "Block IPs and ranges at Cloudflare's edge with IP Access Rules.",
  config,
  secret: z.object({ apiToken: z.string().min(1).meta({ title: "API token", description: 'With "Zone > Firewall Services > Edit" (or the account-level Firewall Access Rules permission).' }) }),
  connect: ({ config: c, secret }, ctx) =>
    new CloudflareClient({
      http: createHttpClient({ baseUrl: c.apiBase, allowPrivateNetwork: c.allowPrivateNetwork, signal: ctx.signal, headers: { authorization: `Bearer ${secret.apiToken}` } }),
      scope: { kind: c.scope, id: c.scopeId },
    }),
  test: async (client) => {
    await client.find({ target: "ip", value: "192.0.2.1" });
    return "the token can read this scope's IP Access Rules";
  },
  actions: {
    blockIp: action.containment({
      summary: "Create an IP Access Rule in block mode (ranges: /16 or /24, IPv6 /32, /48, /64)",
      params: blockParams,
      target: ipTargetOf,
      duration: (p) => p.duration,
      run: async (client, p, ctx) => {
        const { rule, created } = await client.block(parseIpTarget(p.ip), `Vigil: ${ctx.reason ?? "blocked by a playbook"}`);
        return { ruleId: rule.id, mode: rule.mode, created };
      },
      unchanged: (result) => !result.created,
      inverse: (p, result) => (result.created ? { action: "deleteRule", params: { ip: p.ip, ruleId: result.ruleId } } : null),
    }),
    deleteRule: action.containment({
      summary: "Delete an IP Access Rule by id; an unknown id counts as deleted",
      params: z.object({ ip: ipParams.shape.ip, ruleId: z.string().regex(/^[0-9a-f]{32}$/) }),
      target: ipTargetOf,
      run: async (client, p) => ({ deleted: await client.unblock(p.ruleId) }),
    }),
    listRules: action.read({
      summary: "IP Access Rules for exactly this IP or range",
      params: ipParams,
      run: async (client, p) => (await client.find(accessRuleConfiguration(parseIpTarget(p.ip)))).map((r) => ({ id: r.id, mode: r.mode, notes: r.notes })),
    }),
  },
});
