// brute-force through the playbook harness: block only external malicious sources, degrade when
// nothing can block, and lock an accessed account only after a manager approves.
import { describe, expect, it } from "vitest";
import { testPlaybook } from "@/server/engine/testing";
import bruteForce from "@playbooks/brute-force";
import { fixtureRunAlert } from "../../helpers/alert-fixtures";

const sshd = fixtureRunAlert("wazuh/sshd-brute-force.json"); // 203.0.113.45 against bastion-01 (10.9.0.4)
const vpn = fixtureRunAlert("splunk/vpn-brute-force.json"); // 198.51.100.23 against CORP\alice
const accessed = { ...vpn, normalized: { ...vpn.normalized, description: "Many failed logons followed by a successful login for CORP\\alice." } };

const malicious = { verdict: "malicious", results: [] };
const blockedOn = (connection: string) => (p: { ip: string }) => ({ ip: p.ip, blocked: true, connection, actionId: "a-1", expiresAt: null, reason: null, failures: [] });
const paths = (calls: { path: string }[]) => calls.map((c) => c.path);

describe("brute-force playbook", () => {
  it("blocks an external malicious source for 24 h and says so", async () => {
    const result = await testPlaybook(bruteForce, { alert: sshd, integrations: { "enrichment.lookup": malicious, "network.blockIp": blockedOn("crowdsec-edge") } });
    expect(result.status).toBe("succeeded");
    const block = result.calls.find((c) => c.path === "network.blockIp");
    expect(block?.args[0]).toMatchObject({ ip: "203.0.113.45", duration: "24h" });
    expect(result.approvals).toEqual([]);
    expect(result.comments[0]).toContain("203.0.113.45: malicious; blocked for 24 h on crowdsec-edge");
    expect(result.comments[0]).toContain("no account was accessed");
  });

  it("does not block a source the enrichment does not call malicious", async () => {
    const result = await testPlaybook(bruteForce, { alert: sshd, integrations: { "enrichment.lookup": { verdict: "benign", results: [] } } });
    expect(paths(result.calls)).toEqual(["enrichment.lookup"]);
    expect(result.comments[0]).toContain("203.0.113.45: verdict benign; not blocked");
  });

  it("goes on when enrichment fails, treating the verdict as unknown", async () => {
    const result = await testPlaybook(bruteForce, { alert: sshd, integrations: { "enrichment.lookup": { $throw: "AbuseIPDB quota exhausted" } } });
    expect(result.status).toBe("succeeded");
    expect(result.comments[0]).toContain("verdict unknown (enrichment failed: AbuseIPDB quota exhausted)");
  });

  it("comments instead of failing when no connection can block", async () => {
    const none = { ip: "203.0.113.45", blocked: false, connection: null, actionId: null, expiresAt: null, reason: "no blocking connection configured (CrowdSec or a firewall)", failures: [] };
    const result = await testPlaybook(bruteForce, { alert: sshd, integrations: { "enrichment.lookup": malicious, "network.blockIp": none } });
    expect(result.status).toBe("succeeded");
    expect(result.comments[0]).toContain("malicious but not blocked: no blocking connection configured");
  });

  it("never enriches or blocks an internal source", async () => {
    const internal = { ...sshd, normalized: { ...sshd.normalized, observables: [{ type: "ip" as const, value: "10.9.8.7", role: "src" }] } };
    const result = await testPlaybook(bruteForce, { alert: internal, integrations: { "enrichment.lookup": malicious } });
    expect(result.calls).toEqual([]);
    expect(result.comments[0]).toContain("Internal source 10.9.8.7: not blocked");
  });

  it("asks a manager before disabling an accessed account, then disables it and revokes its sessions", async () => {
    const result = await testPlaybook(bruteForce, { alert: accessed, integrations: { "enrichment.lookup": malicious, "network.blockIp": blockedOn("fw") }, approvals: "approve" });
    expect(result.approvals).toMatchObject([{ name: "disable breached account", role: "manager", quorum: 1, params: { user: "CORP\\alice", sourceIps: ["198.51.100.23"] } }]);
    expect(paths(result.calls)).toEqual(["enrichment.lookup", "network.blockIp", "identity.disableUser", "identity.revokeSessions"]);
    expect(result.calls[2]!.args[0]).toMatchObject({ user: "CORP\\alice" });
    expect(result.comments[0]).toContain("CORP\\alice: disabled, sessions revoked (approved by test-manager-1)");
  });

  it("leaves the account alone when the manager rejects", async () => {
    const result = await testPlaybook(bruteForce, { alert: accessed, integrations: { "enrichment.lookup": malicious, "network.blockIp": blockedOn("fw") }, approvals: "reject" });
    expect(paths(result.calls)).not.toContain("identity.disableUser");
    expect(result.comments[0]).toContain("disabling was rejected by test-manager-1");
  });

  it("reports an identity failure without failing the run", async () => {
    const result = await testPlaybook(bruteForce, {
      alert: accessed,
      integrations: { "enrichment.lookup": { verdict: "unknown" }, "identity.disableUser": { $throw: "there is no enabled identity connection" } },
    });
    expect(result.status).toBe("succeeded");
    expect(result.comments[0]).toContain("disable failed (there is no enabled identity connection)");
  });
});
