// CrowdSec Local API as a Vigil integration: timed ban decisions that every bouncer enforces.
// The inverse deletes exactly the decisions the ban created; CrowdSec also expires them itself.
import { z } from "zod";
import { actionsFor, defineIntegration } from "../define";
import { allowPrivateNetworkSchema, withNetworkConfig } from "../config";
import { createHttpClient } from "../http/client";
import { blockParams, durationSeconds, ipParams, ipTargetOf } from "../network/block-params";
import { parseIpTarget } from "../network/ip-target";
import { CrowdsecClient } from "./client";

const action = actionsFor<CrowdsecClient>();

const config = withNetworkConfig({
  url: z.string().url().meta({ title: "LAPI URL", description: "The Local API, e.g. http://crowdsec.internal:8080" }),
  machineId: z.string().trim().min(1).max(200).meta({ title: "Machine id", description: "A watcher registered with `cscli machines add` (bouncer keys cannot add decisions)." }),
  allowPrivateNetwork: allowPrivateNetworkSchema,
});

export default defineIntegration({
  id: "crowdsec",
  title: "CrowdSec",
  category: "network",
  description: "Ban IPs and ranges for a time through the CrowdSec Local API; every bouncer enforces the decision.",
  config,
  secret: z.object({ password: z.string().min(1).meta({ title: "Machine password" }) }),
  connect: ({ config: c, secret }, ctx) =>
    new CrowdsecClient({ http: createHttpClient({ baseUrl: c.url, allowPrivateNetwork: c.allowPrivateNetwork, retries: 1, signal: ctx.signal }), machineId: c.machineId, password: secret.password }),
  test: async (client) => `logged in as the machine; ${(await client.listDecisions()).length} active decision(s)`,
  actions: {
    blockIp: action.containment({
      summary: "Ban an IP or range for a duration (POST /v1/alerts with one ban decision)",
      params: blockParams,
      target: ipTargetOf,
      duration: (p) => p.duration,
      run: async (client, p, ctx) => client.addBan({ target: parseIpTarget(p.ip), durationSeconds: durationSeconds(p.duration), reason: ctx.reason ?? "blocked by Vigil" }),
      inverse: (p, result) => ({ action: "deleteDecisions", params: { ip: p.ip, ids: result.decisionIds } }),
    }),
    deleteDecisions: action.containment({
      summary: "Delete ban decisions by id (DELETE /v1/decisions/{id}); ids already gone count as deleted",
      params: z.object({ ip: ipParams.shape.ip, ids: z.array(z.number().int().positive()).min(1).max(100) }),
      target: ipTargetOf,
      run: async (client, p) => {
        let deleted = 0;
        for (const id of p.ids) if (await client.deleteDecision(id)) deleted++;
        return { deleted };
      },
    }),
    unblockIp: action.containment({
      summary: "Delete every active decision on an IP or range",
      params: ipParams,
      target: ipTargetOf,
      run: async (client, p) => {
        const decisions = await client.listDecisions(parseIpTarget(p.ip));
        for (const d of decisions) await client.deleteDecision(d.id);
        return { deleted: decisions.length };
      },
      unchanged: (result) => result.deleted === 0,
    }),
    listDecisions: action.read({
      summary: "Active decisions, optionally for one IP or range (GET /v1/alerts?has_active_decision=true)",
      params: z.object({ ip: ipParams.shape.ip.optional() }),
      run: async (client, p) => (await client.listDecisions(p.ip ? parseIpTarget(p.ip) : undefined)).map((d) => ({ ...d })),
    }),
  },
});
