// suspicious-sign-in through the playbook harness: sessions revoked at once, the user asked with
// a signed link, "yes" ends it, "no" asks a manager, silence escalates to critical first.
import { describe, expect, it } from "vitest";
import { testPlaybook } from "@/server/engine/testing";
import suspiciousSignIn from "@playbooks/suspicious-sign-in";
import { fixtureRunAlert } from "../../helpers/alert-fixtures";

const travel = fixtureRunAlert("okta/event-hook-batch.json", 2); // carol@example.com from 2001:db8::7
const paths = (calls: { path: string }[]) => calls.map((c) => c.path);
const answer = (value: "yes" | "no") => ({ "user answer": { runId: "run-1", answer: value } });

describe("suspicious-sign-in playbook", () => {
  it("revokes sessions first and emails the user a signed 'was this you?' link", async () => {
    const result = await testPlaybook(suspiciousSignIn, { alert: travel, runId: "run-1", signals: answer("yes") });
    expect(paths(result.calls).slice(0, 2)).toEqual(["identity.revokeSessions", "email.send"]);
    expect(result.calls[0]!.args[0]).toMatchObject({ user: "carol@example.com" });
    const mail = result.calls[1]!.args[0] as { to: string[]; text: string };
    expect(mail.to).toEqual(["carol@example.com"]);
    expect(mail.text).toMatch(/\/confirm\/[\w.-]{20,}/);
    expect(mail.text).toContain("2001:db8::7");
  });

  it("stops when the user confirms the sign-in", async () => {
    const result = await testPlaybook(suspiciousSignIn, { alert: travel, runId: "run-1", signals: answer("yes") });
    expect(result.approvals).toEqual([]);
    expect(paths(result.calls)).not.toContain("identity.disableUser");
    expect(result.comments.at(-1)).toBe("carol@example.com confirmed the sign-in from 2001:db8::7; no further action.");
  });

  it("asks a manager and disables the account when the user says it was not them", async () => {
    const result = await testPlaybook(suspiciousSignIn, { alert: travel, runId: "run-1", signals: answer("no"), approvals: "approve" });
    expect(result.approvals).toMatchObject([{ name: "approve disabling", role: "manager", quorum: 1, params: { user: "carol@example.com" } }]);
    expect(paths(result.calls)).not.toContain("cases.raiseSeverity"); // an answer is not an escalation
    expect(paths(result.calls).at(-1)).toBe("identity.disableUser");
    expect(result.comments.at(-1)).toBe("Disabled carol@example.com (approved by test-manager-1).");
  });

  it("escalates to critical and notifies the SOC when the user does not answer in time", async () => {
    const result = await testPlaybook(suspiciousSignIn, { alert: travel, signals: {}, approvals: "reject", integrations: { "slack.post": { posted: true } } });
    const wait = result.trace.find((t) => t.kind === "wait");
    expect(wait?.output).toEqual({ timedOut: true });
    const escalate = result.calls.find((c) => c.path === "cases.raiseSeverity");
    expect(escalate?.args[0]).toMatchObject({ severity: "critical", reason: "carol@example.com did not answer within 1h" });
    expect(result.comments).toContain("Escalated to critical: carol@example.com did not answer within 1h. The SOC channel was notified.");
    expect(result.approvals).toHaveLength(1);
    expect(paths(result.calls)).not.toContain("identity.disableUser");
    expect(result.comments.at(-1)).toBe("Disabling carol@example.com was rejected by test-manager-1; the account stays enabled.");
  });

  it("escalates at once when the user cannot be emailed, and keeps going without sessions revoked", async () => {
    const result = await testPlaybook(suspiciousSignIn, {
      alert: travel,
      integrations: { "identity.revokeSessions": { $throw: "no identity connection" }, "email.send": { $throw: "there is no enabled email connection" }, "slack.post": { $throw: "no Slack connection" } },
      approvals: "expire",
    });
    expect(result.status).toBe("succeeded");
    expect(result.trace.some((t) => t.kind === "wait")).toBe(false);
    expect(result.comments[0]).toBe("Could not revoke the sessions of carol@example.com: no identity connection");
    expect(result.comments).toContain("Escalated to critical: carol@example.com could not be asked (there is no enabled email connection).");
    expect(result.comments.at(-1)).toContain("was expired by timeout");
  });
});
