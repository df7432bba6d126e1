// The playbook test harness (library form, for playbooks' own Vitest tests): fakes any integration
// call with the step's idempotency key, scripts approvals and signals, and follows the engine's
// rules (retries, unique names, JSON outputs).
import { describe, expect, it } from "vitest";
import { definePlaybook, NonRetriableError } from "@/server/engine";
import { testPlaybook } from "@/server/engine/testing";
import { formatTestResult } from "@/server/engine/trace-format";
import { observableMap } from "@/server/engine/triggers";
import type { RunAlert } from "@/server/engine/define-playbook";
import lockoutDemo from "../../fixtures/engine/playbooks/lockout-demo";

const alert: RunAlert = {
  id: "a1",
  title: "Brute force against alice",
  severity: "high",
  category: "brute_force",
  sourceSlug: "vpn",
  occurredAt: "2026-01-01T00:00:00.000Z",
  normalized: { title: "Brute force against alice", severity: "high", category: "brute_force", description: null, externalId: "e1", vendor: "generic", occurredAt: "2026-01-01T00:00:00.000Z", observables: [] },
  observables: observableMap([
    { type: "user", value: "alice" },
    { type: "ip", value: "198.51.100.23" },
  ]),
};

describe("testPlaybook", () => {
  it("runs with recorded fakes, retries, and reports the approvals it would request", async () => {
    const result = await testPlaybook(lockoutDemo, {
      alert,
      runId: "run-1",
      integrations: { "abuseipdb.check": [{ $throw: "503" }, { score: 97 }], "ad.disableUser": { disabled: true } },
      signals: { "user confirmation": { user: "alice", answer: "yes" } },
    });
    expect(result.status).toBe("succeeded");
    expect(result.output).toEqual({ action: "disabled", confirmed: "yes" });
    expect(result.trace.map((e) => [e.kind, e.name, e.status])).toEqual([
      ["step", "enrich ip", "succeeded"],
      ["approval", "lock account", "succeeded"],
      ["step", "disable user", "succeeded"],
      ["case-status", "case status#1", "succeeded"],
      ["sleep", "cool down", "succeeded"],
      ["wait", "user confirmation", "succeeded"],
    ]);
    expect(result.trace[0]).toMatchObject({ attempts: 2, output: { score: 97 } });
    expect(result.calls.map((c) => [c.path, c.args, c.idempotencyKey])).toEqual([
      ["abuseipdb.check", ["198.51.100.23"], "run-1:enrich ip"],
      ["abuseipdb.check", ["198.51.100.23"], "run-1:enrich ip"],
      ["ad.disableUser", ["alice"], "run-1:disable user"],
    ]);
    expect(result.approvals).toEqual([{ name: "lock account", title: "Disable alice", role: "manager", quorum: 1, expiresIn: "30m", onTimeout: "reject", params: { user: "alice", ip: "198.51.100.23" }, decision: "approve" }]);
    expect(result.caseStatuses).toEqual(["contained"]);
  });

  it("follows scripted rejections and timeouts", async () => {
    const rejected = await testPlaybook(lockoutDemo, { alert, integrations: { "abuseipdb.check": { score: 97 } }, approvals: { "lock account": "reject" } });
    expect(rejected.output).toEqual({ action: "declined" });
    expect(rejected.comments).toEqual(["Lock of alice declined by test-manager-1"]);
    expect(rejected.calls.map((c) => c.path)).toEqual(["abuseipdb.check"]);
    const noAnswer = await testPlaybook(lockoutDemo, { alert, integrations: { "abuseipdb.check": { score: 97 } } });
    expect(noAnswer.output).toEqual({ action: "disabled", confirmed: null });
  });

  it("fails like the engine does and says why", async () => {
    const unscripted = await testPlaybook(lockoutDemo, { alert });
    expect(unscripted.status).toBe("failed");
    expect(unscripted.error).toMatch(/^Cannot read properties of null \(reading 'score'\)/);
    expect(unscripted.calls[0]).toMatchObject({ path: "abuseipdb.check", scripted: false });
    const dup = definePlaybook({ id: "dup-names", title: "d", async run(ctx) {
      await ctx.step("x", () => 1);
      await ctx.step("x", () => 2);
    } });
    expect((await testPlaybook(dup)).error).toBe('step name "x" is used twice in this run; step names must be unique');
    const nonRetriable = definePlaybook({ id: "nr", title: "n", async run(ctx) {
      await ctx.step("x", () => { throw new NonRetriableError("no such user"); }, { retries: 5 });
    } });
    const r = await testPlaybook(nonRetriable);
    expect(r.trace[0]).toMatchObject({ status: "failed", attempts: 1, error: "no such user" });
  });

  it("prints a readable trace", async () => {
    const result = await testPlaybook(lockoutDemo, { alert, runId: "r", integrations: { "abuseipdb.check": { score: 97 }, "ad.disableUser": { disabled: true } } });
    const text = formatTestResult(result);
    expect(text).toContain('→ ad.disableUser("alice")  key r:disable user  ⇒ {"disabled":true}');
    expect(text).toContain('- lock account: "Disable alice" — manager ×1, expires in 30m (on timeout: reject), params {"user":"alice","ip":"198.51.100.23"}; scripted: approve');
  });
});
