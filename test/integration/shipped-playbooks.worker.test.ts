// The five shipped playbooks end to end: a vendor fixture POSTed to the real webhook, the run on a
// real graphile-worker, containment verified on fake systems (PAN-OS for IPs, FortiGate for
// domains, Okta, SMTP, AbuseIPDB, VirusTotal), approvals decided through the approvals API, and the case timeline read back.
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, caseEvents, caseObservables, cases, observables, playbookRuns } from "@/server/db/schema";
import { answerConfirmation } from "@/server/engine/confirm-links";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource, seedUser } from "../helpers/fixtures";
import { seedConnection } from "../helpers/integrations";
import { callerFor, type TestUser } from "../helpers/trpc";
import { startWebhookServer, type WebhookServer } from "../helpers/webhook-server";
import { fixtureBody, GENERIC_PHISHING_REPORT } from "../helpers/alert-fixtures";
import { startAbuseIpdbFake, startVirusTotalFake, type EnrichmentFake } from "../fakes/enrichment";
import { oktaUser, startFakeOkta, type FakeOkta } from "../fakes/okta";
import { startFortigateFake, type FortigateFake } from "../fakes/fortigate";
import { startPanosFake, type PanosFake } from "../fakes/panos";
import { startSmtpServer, type SmtpService } from "../services/smtp";

let t: TestDatabase;
let worker: VigilWorker;
let hook: WebhookServer;
let panos: PanosFake;
let forti: FortigateFake;
let okta: FakeOkta;
let abuse: EnrichmentFake;
let vt: EnrichmentFake;
let smtp: SmtpService;
let managers: TestUser[];

const PHISH_HASH = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";

beforeAll(async () => {
  [t, panos, forti, abuse, vt, smtp] = await Promise.all([
    createTestDatabase("shipped"),
    startPanosFake(),
    startFortigateFake(),
    startAbuseIpdbFake({ scores: { "203.0.113.45": 100, "203.0.113.199": 90, "203.0.113.14": 95 } }),
    startVirusTotalFake({ malicious: { [PHISH_HASH]: 41 } }),
    startSmtpServer(),
  ]);
  okta = await startFakeOkta({ users: [{ login: "carol@example.com" }, { login: "FIN-WS-12\\ivan" }, { login: "CONTOSO\\dave" }], groups: [] });
  const base = { allowPrivateNetwork: true };
  await seedConnection(t.db, { integration: "panos", name: "pa-edge", config: { ...base, url: panos.url }, secret: { apiKey: panos.apiKey } });
  // FortiGate ranks after PAN-OS for IPs, and is the only connection that can block domains.
  await seedConnection(t.db, { integration: "fortigate", name: "fgt", config: { ...base, url: forti.url, group: "vigil-block", network: { ownDomains: ["corp.example.com"] } }, secret: { apiToken: forti.token } });
  await seedConnection(t.db, { integration: "okta", name: "okta", config: { ...base, orgUrl: okta.url }, secret: { apiToken: okta.token } });
  await seedConnection(t.db, { integration: "abuseipdb", name: "abuseipdb", config: { ...base, apiBase: abuse.url, perMinute: 100 }, secret: { apiKey: abuse.key } });
  await seedConnection(t.db, { integration: "virustotal", name: "vt", config: { ...base, apiBase: vt.url, perMinute: 100 }, secret: { apiKey: vt.key } });
  await seedConnection(t.db, { integration: "email", name: "mail", config: { host: smtp.host, port: smtp.port, security: "none", from: "Vigil <soar@example.org>" }, secret: { username: smtp.user, password: smtp.password } });
  managers = (await Promise.all([seedUser(t.db, "manager"), seedUser(t.db, "manager")])) as TestUser[];
  hook = await startWebhookServer(t.db);
  worker = await startWorker({ connectionString: t.url, concurrency: 2, pollInterval: 200 });
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all([hook?.close(), panos?.stop(), forti?.stop(), okta?.stop(), abuse?.stop(), vt?.stop(), smtp?.stop()]);
  await t?.drop();
});

/** POSTs a fixture to a new source of `kind`; returns the case the playbook's run belongs to. */
async function post(kind: string, fixture: string, playbookId?: string): Promise<string> {
  const source = await seedSource(t.db, { kind });
  const body = fixtureBody(fixture);
  const res = await fetch(`${hook.url}/api/webhooks/${source.slug}`, {
    method: "POST",
    headers: { authorization: `Bearer ${source.secret}`, "content-type": typeof body === "string" ? "text/plain" : "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  const { caseId, alertIds } = (await res.json()) as { caseId: string; alertIds: string[] };
  if (!playbookId) return caseId;
  // A batch (Okta) may open several cases: follow the alert the playbook was started for.
  const run = () => t.db.select({ caseId: playbookRuns.caseId }).from(playbookRuns).where(and(eq(playbookRuns.playbookId, playbookId), inArray(playbookRuns.alertId, alertIds)));
  await expect.poll(async () => (await run()).length, { timeout: 10_000 }).toBe(1);
  return (await run())[0]!.caseId!;
}

async function runOf(playbookId: string, caseId: string) {
  const [run] = await t.db.select().from(playbookRuns).where(and(eq(playbookRuns.playbookId, playbookId), eq(playbookRuns.caseId, caseId)));
  return run;
}
const statusOf = async (playbookId: string, caseId: string) => (await runOf(playbookId, caseId))?.status;
const waitStatus = (playbookId: string, caseId: string, status: string) => expect.poll(() => statusOf(playbookId, caseId), { timeout: 25_000, interval: 200 }).toBe(status);

/** Approves (or rejects) the run's open approval as `deciders`, through the approvals API. */
async function decide(playbookId: string, caseId: string, decision: "approve" | "reject", deciders: TestUser[] = [managers[0]!]) {
  const run = (await runOf(playbookId, caseId))!;
  const [approval] = await t.db.select().from(approvals).where(and(eq(approvals.runId, run.id), eq(approvals.status, "pending")));
  expect(approval).toBeDefined();
  const reason = decision === "reject" ? "the login was the user's own, after a forgotten password" : undefined;
  for (const user of deciders) await callerFor(t.db, user).approvals.decide({ approvalId: approval!.id, decision, reason, paramsHash: approval!.paramsHash });
  return approval!;
}

async function timeline(caseId: string) {
  const events = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
  return { kinds: events.map((e) => e.kind), comments: events.filter((e) => e.kind === "comment").map((e) => String((e.data as { text?: string }).text)) };
}

describe("shipped playbooks end to end", () => {
  it("brute-force: a malicious external source is blocked on the firewall for 24 h", async () => {
    const caseId = await post("wazuh", "wazuh/sshd-brute-force.json");
    await waitStatus("brute-force", caseId, "succeeded");
    expect(panos.tagsOf("203.0.113.45")).toEqual(["vigil-block"]);
    const { kinds, comments } = await timeline(caseId);
    expect(kinds).toContain("containment");
    expect(comments.find((c) => c.startsWith("Brute force outcome"))).toContain("203.0.113.45: malicious; blocked for 24 h on pa-edge.");
  });

  it("brute-force: a successful sign-in asks a manager; a rejection leaves the account enabled", async () => {
    const caseId = await post("generic", "test/fixtures/playbooks/generic-brute-force-success.json");
    await waitStatus("brute-force", caseId, "waiting");
    await decide("brute-force", caseId, "reject");
    await waitStatus("brute-force", caseId, "succeeded");
    expect(oktaUser(okta, "FIN-WS-12\\ivan").sessions).toBeGreaterThan(0);
    const { kinds, comments } = await timeline(caseId);
    expect(kinds).toEqual(expect.arrayContaining(["approval_requested", "approval_decided"]));
    const outcome = comments.find((c) => c.startsWith("Brute force outcome"));
    expect(outcome).toContain(`FIN-WS-12\\ivan: disabling was rejected by ${managers[0]!.name} (the login was the user's own, after a forgotten password); the account stays enabled.`);
  });

  it("suspicious-sign-in: sessions revoked, the user says 'not me', a manager approves, the account is suspended", async () => {
    const caseId = await post("okta", "okta/event-hook-batch.json", "suspicious-sign-in");
    await waitStatus("suspicious-sign-in", caseId, "waiting");
    expect(oktaUser(okta, "carol@example.com").sessions).toBe(0);
    const mail = smtp.received.find((m) => m.envelopeTo.includes("carol@example.com"));
    const link = mail?.links.find((l) => l.includes("/confirm/"));
    expect(link).toBeDefined();
    await t.db.transaction((tx) => answerConfirmation(tx, { token: link!.split("/confirm/")[1]!, answer: "no" }));
    await expect.poll(async () => (await t.db.select().from(approvals).where(eq(approvals.runId, (await runOf("suspicious-sign-in", caseId))!.id))).length, { timeout: 25_000 }).toBe(1);
    await decide("suspicious-sign-in", caseId, "approve");
    await waitStatus("suspicious-sign-in", caseId, "succeeded");
    expect(oktaUser(okta, "carol@example.com").status).toBe("SUSPENDED");
    const { kinds, comments } = await timeline(caseId);
    expect(kinds).toEqual(expect.arrayContaining(["approval_requested", "approval_decided", "containment"]));
    expect(comments).toContain("Revoked all sessions of carol@example.com.");
    expect(comments.at(-1)).toMatch(/^Disabled carol@example.com \(approved by /);
  });

  it("malware-on-host: the case goes critical, the C2 IP is blocked, the user is disabled after approval", async () => {
    const caseId = await post("crowdstrike", "crowdstrike/ransomware-detection.json");
    await waitStatus("malware-on-host", caseId, "waiting");
    const [row] = await t.db.select({ severity: cases.severity }).from(cases).where(eq(cases.id, caseId));
    expect(row!.severity).toBe("critical");
    expect(panos.tagsOf("203.0.113.14")).toEqual(["vigil-block"]);
    const approval = await decide("malware-on-host", caseId, "approve");
    expect(approval.quorum).toBe(1); // FIN-WS-12 is a workstation
    await waitStatus("malware-on-host", caseId, "succeeded");
    expect(oktaUser(okta, "FIN-WS-12\\ivan").status).toBe("SUSPENDED");
    const { kinds, comments } = await timeline(caseId);
    expect(kinds).toContain("severity_changed");
    expect(comments.find((c) => c.startsWith("Malware on FIN-WS-12"))).toContain("FIN-WS-12\\ivan: disabled (approved by");
  });

  it("malware-on-host: on a server, the user is disabled only once two managers approved", async () => {
    const caseId = await post("defender", "test/fixtures/playbooks/defender-malware-on-server.json");
    await waitStatus("malware-on-host", caseId, "waiting");
    const approval = await decide("malware-on-host", caseId, "approve", [managers[0]!]);
    expect(approval.quorum).toBe(2);
    expect(oktaUser(okta, "CONTOSO\\dave").status).toBe("ACTIVE");
    expect(await statusOf("malware-on-host", caseId)).toBe("waiting");
    await callerFor(t.db, managers[1]!).approvals.decide({ approvalId: approval.id, decision: "approve", paramsHash: approval.paramsHash });
    await waitStatus("malware-on-host", caseId, "succeeded");
    expect(oktaUser(okta, "CONTOSO\\dave").status).toBe("SUSPENDED");
    const { comments } = await timeline(caseId);
    expect(comments.find((c) => c.startsWith("Malware on srv-file01.corp.contoso.com (server)"))).toContain("CONTOSO\\dave: disabled (approved by");
  });

  it("phishing-reported: a malicious attachment blocks the sender IP and the reporter is told", async () => {
    const caseId = await post("generic", GENERIC_PHISHING_REPORT);
    await waitStatus("phishing-reported", caseId, "succeeded");
    const { comments } = await timeline(caseId);
    const summary = comments.find((c) => c.startsWith("Phishing from payroll@hr-portal-update.example"));
    expect(summary).toContain("203.0.113.199: blocked for 24 h on pa-edge.");
    expect(panos.tagsOf("203.0.113.199")).toEqual(["vigil-block"]);
    expect(summary).toContain("hr-portal-update.example: blocked for 24 h on fgt.");
    expect(forti.address("vigil_hr-portal-update.example")).toMatchObject({ type: "fqdn", fqdn: "hr-portal-update.example" });
    const mail = smtp.received.find((m) => m.envelopeTo.includes("erin@corp.example.com"));
    expect(mail?.text).toContain("was checked: malicious (1 of 3");
    expect(summary).toContain("Reporter: reporter erin@corp.example.com notified.");
  });

  it("c2-beacon: the destination is blocked and another host that contacted it is attached to the case", async () => {
    const earlier = await post("generic", "test/fixtures/playbooks/generic-dns-to-c2.json");
    expect(earlier).toBeTruthy();
    const caseId = await post("chronicle", "chronicle/rule-detection.json");
    await waitStatus("c2-beacon", caseId, "succeeded");
    expect(panos.tagsOf("198.51.100.99")).toEqual(["vigil-block"]);
    expect(forti.members("vigil-block")).toContain("vigil_update-check.example");
    const attached = await t.db
      .select({ type: observables.type, value: observables.value })
      .from(caseObservables)
      .innerJoin(observables, eq(observables.id, caseObservables.observableId))
      .where(and(eq(caseObservables.caseId, caseId), inArray(observables.value, ["ws-0199"])));
    expect(attached).toEqual([{ type: "host", value: "ws-0199" }]);
    const { kinds, comments } = await timeline(caseId);
    expect(kinds).toContain("observables_attached");
    expect(comments.find((c) => c.startsWith("C2 beacon"))).toContain("ws-0199 (attached to this case)");
    expect(comments.find((c) => c.startsWith("C2 beacon"))).toContain("update-check.example: blocked for 24 h on fgt.");
  });
});
