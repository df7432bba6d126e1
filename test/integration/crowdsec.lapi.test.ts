// CrowdSec transport against a REAL CrowdSec Local API (Debian package) started for this file:
// a ban added through the watcher login is what a bouncer then sees, and deleting it lifts it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrowdsecClient } from "@/server/integrations/crowdsec/client";
import { createHttpClient } from "@/server/integrations/http/client";
import { parseIpTarget } from "@/server/integrations/network/ip-target";
import { startCrowdsec, type CrowdsecService } from "../services/crowdsec";

let cs: CrowdsecService;
let client: CrowdsecClient;
const connect = (password: string) => new CrowdsecClient({ http: createHttpClient({ baseUrl: cs.url, allowPrivateNetwork: true, retries: 1, backoffMs: 50 }), machineId: cs.machineId, password });

beforeAll(async () => {
  cs = await startCrowdsec();
  client = connect(cs.password);
});
afterAll(async () => {
  await cs?.stop();
});

describe("CrowdSec LAPI client", () => {
  it("bans an IP for a duration, lists it, and deletes it so bouncers stop seeing it", async () => {
    const target = parseIpTarget("198.51.100.41");
    const { decisionIds } = await client.addBan({ target, durationSeconds: 3600, reason: "brute force on VPN (case 7)" });
    expect(decisionIds).toHaveLength(1);

    const seen = await cs.bouncerDecisions("198.51.100.41");
    expect(seen).toEqual([expect.objectContaining({ id: decisionIds[0], type: "ban", scope: "Ip", value: "198.51.100.41" })]);
    expect(seen[0]!.duration).toMatch(/^(59m5\d|1h0m0)/);

    const listed = await client.listDecisions(target);
    expect(listed.map((d) => [d.id, d.value, d.scenario])).toEqual([[decisionIds[0], "198.51.100.41", "vigil: brute force on VPN (case 7)"]]);

    expect(await client.deleteDecision(decisionIds[0]!)).toBe(true);
    expect(await cs.bouncerDecisions("198.51.100.41")).toEqual([]);
    expect(await client.listDecisions(target)).toEqual([]);
  });

  it("bans a range, which covers the addresses inside it", async () => {
    const { decisionIds } = await client.addBan({ target: parseIpTarget("203.0.113.0/24"), durationSeconds: 600, reason: "scanner range" });
    expect(await cs.bouncerDecisions("203.0.113.99")).toEqual([expect.objectContaining({ scope: "Range", value: "203.0.113.0/24" })]);
    await client.deleteDecision(decisionIds[0]!);
    expect(await cs.bouncerDecisions("203.0.113.99")).toEqual([]);
  });

  it("treats deleting an unknown decision as already done", async () => {
    expect(await client.deleteDecision(999_999)).toBe(false);
  });

  it("names the machine when the login is refused", async () => {
    const wrong = connect("wrong-password");
    await expect(wrong.listDecisions()).rejects.toThrow(new RegExp(`refused the machine login for "${cs.machineId}"`));
  });
});
