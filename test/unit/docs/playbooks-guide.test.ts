// docs/playbooks.md's complete example is this directory's playbook-example.ts, verbatim: the file
// is type-checked with the rest of the code (npm run typecheck), and here the doc's code block must
// equal it and the playbook must behave as the guide says, in the test harness.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { RunAlert } from "@/server/engine";
import { testPlaybook } from "@/server/engine/testing";
import { triggerMatches, observableMap } from "@/server/engine/triggers";
import example from "./playbook-example";

const guide = fs.readFileSync("docs/playbooks.md", "utf8");

function exampleBlock(): string {
  const match = /<!-- example: test\/unit\/docs\/playbook-example\.ts -->\s*```ts\n([\s\S]*?)```/.exec(guide);
  if (!match) throw new Error("docs/playbooks.md lost its example block (<!-- example: test/unit/docs/playbook-example.ts --> then ```ts)");
  return match[1]!;
}

const observables = observableMap([
  { type: "ip", value: "203.0.113.77" },
  { type: "user", value: "alice@acme.example" },
  { type: "email", value: "alice@acme.example" },
]);
const alert: RunAlert = {
  id: "alert-1",
  title: "57 failed VPN logins",
  severity: "high",
  category: "brute_force",
  sourceSlug: "splunk",
  occurredAt: "2026-11-23T09:00:00.000Z",
  normalized: { title: "57 failed VPN logins", severity: "high", category: "brute_force", description: null, externalId: "e1", observables: [], vendor: "splunk", occurredAt: "2026-11-23T09:00:00.000Z" },
  observables,
};

describe("docs/playbooks.md example", () => {
  it("is the file test/unit/docs/playbook-example.ts, character for character", () => {
    expect(exampleBlock()).toBe(fs.readFileSync("test/unit/docs/playbook-example.ts", "utf8"));
  });

  it("triggers on brute force alerts with an IP and a user", () => {
    const trigger = { sourceSlug: "splunk", sourceKind: "splunk", normalized: { ...alert.normalized, occurredAt: new Date(alert.occurredAt) }, observables, newCase: true };
    expect(triggerMatches(example.trigger, trigger)).toBe(true);
    expect(triggerMatches(example.trigger, { ...trigger, normalized: { ...trigger.normalized, category: "phishing" } })).toBe(false);
  });

  it("blocks a malicious IP, asks the user, and disables the account after approval when nobody answers", async () => {
    const result = await testPlaybook(example, { alert, caseId: "case-1", integrations: { "enrichment.lookup": { verdict: "malicious" }, "identity.disableUser": { status: "active", actionId: "a1" } } });
    expect(result.status).toBe("succeeded");
    expect(result.trace.map((t) => t.name)).toEqual(["enrich ip", "block ip", "revoke sessions", "ask the user", "user answer", "disable account", "disable user", "case status#1", "contained at"]);
    expect(result.approvals).toEqual([expect.objectContaining({ name: "disable account", role: "manager", quorum: 1, params: { user: "alice@acme.example", ip: "203.0.113.77" } })]);
    expect(result.calls.map((c) => c.path)).toEqual(["enrichment.lookup", "crowdsec.blockIp", "identity.revokeSessions", "email.send", "identity.disableUser"]);
    expect(result.caseStatuses).toEqual(["contained"]);
  });

  it("stops when the user confirms the sign-in, and asks nobody", async () => {
    const result = await testPlaybook(example, { alert, caseId: "case-1", integrations: { "enrichment.lookup": { verdict: "benign" } }, signals: { "user answer": { answer: "yes" } } });
    expect(result.output).toEqual({ disabled: false, confirmedByUser: true });
    expect(result.approvals).toEqual([]);
    expect(result.calls.map((c) => c.path)).not.toContain("crowdsec.blockIp");
    expect(result.caseStatuses).toEqual(["false_positive"]);
  });

  it("disables nothing when the manager rejects", async () => {
    const result = await testPlaybook(example, { alert, caseId: "case-1", integrations: { "enrichment.lookup": { verdict: "unknown" } }, approvals: { "disable account": "reject" } });
    expect(result.status).toBe("succeeded");
    expect(result.output).toEqual({ disabled: false, confirmedByUser: false });
    expect(result.calls.map((c) => c.path)).not.toContain("identity.disableUser");
  });
});
