// c2-beacon through the playbook harness: public destinations blocked, internal ones never, other
// hosts that contacted the destination attached to the case.
import { describe, expect, it } from "vitest";
import { testPlaybook } from "@/server/engine/testing";
import c2Beacon from "@playbooks/c2-beacon";
import { fixtureRunAlert } from "../../helpers/alert-fixtures";

const chronicle = fixtureRunAlert("chronicle/rule-detection.json"); // lt-frank (10.30.1.15) -> 192.0.2.10, 198.51.100.99, update-check.example
const blockedOn = (connection: string) => (p: { ip: string }) => ({ ip: p.ip, blocked: true, connection, actionId: "a-1", expiresAt: null, reason: null, failures: [] });
const domainBlockedOn = (connection: string) => (p: { domain: string }) => ({ domain: p.domain, configured: true, blocked: true, connection, actionId: "a-2", expiresAt: null, reason: null, failures: [] });
const noDomainBlocker = (p: { domain: string }) => ({ domain: p.domain, configured: false, blocked: false, connection: null, actionId: null, expiresAt: null, reason: "no connection can block domains (FortiGate)", failures: [] });
const related = [
  { type: "host", value: "ws-0142", alertId: "a-2", alertTitle: "beacon", caseId: "c-2", receivedAt: "2026-11-22T10:00:00.000Z" },
  { type: "ip", value: "10.30.1.15", alertId: "a-3", alertTitle: "beacon", caseId: "c-3", receivedAt: "2026-11-22T11:00:00.000Z" }, // the alert's own host
];

describe("c2-beacon playbook", () => {
  it("blocks every public destination for 24 h and attaches the other hosts that contacted it", async () => {
    const result = await testPlaybook(c2Beacon, { alert: chronicle, integrations: { "network.blockIp": blockedOn("crowdsec"), "cases.relatedHosts": [related], "cases.attachObservables": { attached: 1 } } });
    expect(result.calls.filter((c) => c.path === "network.blockIp").map((c) => c.args[0])).toMatchObject([
      { ip: "192.0.2.10", duration: "24h" },
      { ip: "198.51.100.99", duration: "24h" },
    ]);
    expect(result.calls.find((c) => c.path === "cases.relatedHosts")?.args[0]).toEqual({
      indicators: [
        { type: "ip", value: "192.0.2.10" },
        { type: "ip", value: "198.51.100.99" },
        { type: "domain", value: "update-check.example" },
      ],
      within: "7d",
    });
    expect(result.calls.find((c) => c.path === "cases.attachObservables")?.args[0]).toMatchObject({ observables: [{ type: "host", value: "ws-0142" }] });
    expect(result.output).toEqual({ blocked: ["192.0.2.10", "198.51.100.99"], otherHosts: ["ws-0142"] });
    expect(result.comments[0]).toContain("ws-0142 (attached to this case)");
  });

  it("never blocks internal destinations and says when nothing else contacted them", async () => {
    const internal = { ...chronicle, normalized: { ...chronicle.normalized, observables: [{ type: "ip" as const, value: "10.1.1.1", role: "dst" }, { type: "domain" as const, value: "c2.example" }] } };
    const result = await testPlaybook(c2Beacon, { alert: internal, integrations: { "network.blockDomain": noDomainBlocker, "cases.relatedHosts": [[]] } });
    expect(result.calls.map((c) => c.path)).toEqual(["network.blockDomain", "cases.relatedHosts"]);
    expect(result.comments[0]).toContain("No other host contacted these destinations in the last 7d.");
    expect(result.comments[0]).toContain("Domain(s) c2.example: no domain-blocking integration is available");
  });

  it("blocks the destination domain where a connection can block domains", async () => {
    const result = await testPlaybook(c2Beacon, {
      alert: chronicle,
      integrations: { "network.blockIp": blockedOn("crowdsec"), "network.blockDomain": domainBlockedOn("fgt-edge"), "cases.relatedHosts": [[]] },
    });
    expect(result.calls.find((c) => c.path === "network.blockDomain")?.args[0]).toMatchObject({ domain: "update-check.example", duration: "24h" });
    expect(result.output).toMatchObject({ blocked: ["192.0.2.10", "198.51.100.99", "update-check.example"] });
    expect(result.comments[0]).toContain("update-check.example: blocked for 24 h on fgt-edge.");
    expect(result.comments[0]).not.toContain("no domain-blocking integration");
  });

  it("reports blocks that could not happen without failing", async () => {
    const none = { blocked: false, connection: null, actionId: null, expiresAt: null, reason: "no blocking connection configured (CrowdSec or a firewall)", failures: [] };
    const result = await testPlaybook(c2Beacon, { alert: chronicle, integrations: { "network.blockIp": none, "cases.relatedHosts": { $throw: "database busy" } } });
    expect(result.status).toBe("succeeded");
    expect(result.comments[0]).toContain("192.0.2.10: not blocked: no blocking connection configured");
    expect(result.comments[0]).toContain("Could not search recent alerts: database busy.");
  });
});
