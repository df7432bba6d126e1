// phishing-reported through the playbook harness: links and attachments enriched, blocks only
// when something is malicious, the reporter told either way.
import { describe, expect, it } from "vitest";
import { testPlaybook } from "@/server/engine/testing";
import phishingReported from "@playbooks/phishing-reported";
import { fixtureRunAlert, GENERIC_PHISHING_REPORT } from "../../helpers/alert-fixtures";

const report = fixtureRunAlert(GENERIC_PHISHING_REPORT); // payroll@hr-portal-update.example -> erin@corp.example.com
const defender = fixtureRunAlert("defender/page-phishing.json");
const blockedOn = (connection: string) => (p: { ip: string }) => ({ ip: p.ip, blocked: true, connection, actionId: "a-1", expiresAt: null, reason: null, failures: [] });
const domainBlockedOn = (connection: string) => (p: { domain: string }) => ({ domain: p.domain, configured: true, blocked: true, connection, actionId: "a-2", expiresAt: null, reason: null, failures: [] });
const noDomainBlocker = (p: { domain: string }) => ({ domain: p.domain, configured: false, blocked: false, connection: null, actionId: null, expiresAt: null, reason: "no connection can block domains (FortiGate)", failures: [] });
const verdictByValue = (malicious: string[]) => (p: { value: string }) => ({ verdict: malicious.includes(p.value) ? "malicious" : "benign", results: [] });
const paths = (calls: { path: string }[]) => calls.map((c) => c.path);

describe("phishing-reported playbook", () => {
  it("enriches every URL and attachment hash of a generic report", async () => {
    const result = await testPlaybook(phishingReported, { alert: report, integrations: { "enrichment.lookup": verdictByValue([]) } });
    expect(result.calls.filter((c) => c.path === "enrichment.lookup").map((c) => c.args[0])).toEqual([
      { type: "url", value: "https://hr-portal-update.example/login" },
      { type: "url", value: "http://198.51.100.66/invoice.html" },
      { type: "sha256", value: "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f" },
    ]);
  });

  it("blocks the sender IP and the IP-hosted URL, lists domains, and warns the reporter when a link is malicious", async () => {
    const result = await testPlaybook(phishingReported, {
      alert: report,
      integrations: { "enrichment.lookup": verdictByValue(["http://198.51.100.66/invoice.html"]), "network.blockIp": blockedOn("cloudflare-zone"), "network.blockDomain": noDomainBlocker },
    });
    expect(result.calls.filter((c) => c.path === "network.blockDomain")).toHaveLength(1); // the first answer says none can: no more tries
    expect(result.calls.filter((c) => c.path === "network.blockIp").map((c) => (c.args[0] as { ip: string }).ip)).toEqual(["203.0.113.199", "198.51.100.66"]);
    const mail = result.calls.find((c) => c.path === "email.send")?.args[0] as { to: string[]; text: string };
    expect(mail.to).toEqual(["erin@corp.example.com"]);
    expect(mail.text).toContain("from payroll@hr-portal-update.example was checked: malicious (1 of 3");
    expect(result.comments[0]).toContain("Block on your mail and DNS filters (no domain-blocking integration is available): hr-portal-update.example.");
    expect(result.comments[0]).toContain("203.0.113.199: blocked for 24 h on cloudflare-zone.");
    expect(result.comments[0]).toContain("Reporter: reporter erin@corp.example.com notified.");
  });

  it("blocks the sender domain and malicious URL hosts where a connection can block domains, never a shared provider", async () => {
    const observables = [...report.normalized.observables, { type: "url" as const, value: "https://docs.google.com/forms/d/abc" }, { type: "url" as const, value: "https://login.payroll-verify.example/x" }];
    const alert = { ...report, normalized: { ...report.normalized, observables } };
    const malicious = ["https://hr-portal-update.example/login", "https://docs.google.com/forms/d/abc", "https://login.payroll-verify.example/x"];
    const result = await testPlaybook(phishingReported, { alert, integrations: { "enrichment.lookup": verdictByValue(malicious), "network.blockIp": blockedOn("fw"), "network.blockDomain": domainBlockedOn("fgt-edge") } });
    expect(result.calls.filter((c) => c.path === "network.blockDomain").map((c) => c.args[0])).toEqual([
      { domain: "hr-portal-update.example", duration: "24h", reason: "phishing infrastructure" },
      { domain: "login.payroll-verify.example", duration: "24h", reason: "phishing infrastructure" },
    ]);
    expect(result.comments[0]).toContain("hr-portal-update.example: blocked for 24 h on fgt-edge.");
    expect(result.comments[0]).toContain("Not blocked by domain (shared provider; report the account or file to the provider): docs.google.com.");
    expect(result.comments[0]).not.toContain("no domain-blocking integration");
  });

  it("never blocks the reporter's own mail domain by domain, even when a spoofed sender uses it", async () => {
    const observables = report.normalized.observables.map((o) => (o.type === "email" && o.value.startsWith("payroll@") ? { ...o, value: "payroll@corp.example.com" } : o));
    const alert = { ...report, normalized: { ...report.normalized, observables } };
    const result = await testPlaybook(phishingReported, { alert, integrations: { "enrichment.lookup": verdictByValue(["https://hr-portal-update.example/login"]), "network.blockIp": blockedOn("fw"), "network.blockDomain": domainBlockedOn("fgt-edge") } });
    expect(result.calls.filter((c) => c.path === "network.blockDomain").map((c) => (c.args[0] as { domain: string }).domain)).toEqual(["hr-portal-update.example"]);
    expect(result.comments[0]).toContain("Not blocked by domain (the reporter's own mail domain; check for spoofing): corp.example.com.");
  });

  it("blocks nothing and reassures the reporter when nothing is malicious", async () => {
    const result = await testPlaybook(phishingReported, { alert: report, integrations: { "enrichment.lookup": verdictByValue([]) } });
    expect(paths(result.calls)).not.toContain("network.blockIp");
    expect(paths(result.calls)).not.toContain("network.blockDomain");
    expect((result.calls.find((c) => c.path === "email.send")?.args[0] as { text: string }).text).toContain("nothing known to be malicious");
  });

  it("finds sender and reporter in a Defender alert and a malicious URL's domain", async () => {
    const result = await testPlaybook(phishingReported, { alert: defender, integrations: { "enrichment.lookup": { verdict: "malicious" }, "network.blockIp": blockedOn("crowdsec") } });
    expect(result.output).toMatchObject({ sender: "it-support@mailbox-quota.example", reporter: "erin@contoso.com", malicious: ["https://mailbox-quota.example/login"] });
    expect(result.comments[0]).toContain("mailbox-quota.example");
  });

  it("enriches URLs longer than a step name allows", async () => {
    const long = (n: number) => `https://files.example/${"a".repeat(300)}/${n}`;
    const observables = [...report.normalized.observables, { type: "url" as const, value: long(1) }, { type: "url" as const, value: long(2) }];
    const result = await testPlaybook(phishingReported, { alert: { ...report, normalized: { ...report.normalized, observables } } });
    expect(result.status).toBe("succeeded");
    expect(result.calls.filter((c) => c.path === "enrichment.lookup")).toHaveLength(5);
  });

  it("says so when the reporter cannot be emailed, without failing", async () => {
    const result = await testPlaybook(phishingReported, { alert: report, integrations: { "enrichment.lookup": verdictByValue([]), "email.send": { $throw: "there is no enabled email connection" } } });
    expect(result.status).toBe("succeeded");
    expect(result.comments[0]).toContain("Reporter: could not notify erin@corp.example.com: there is no enabled email connection.");
  });
});
