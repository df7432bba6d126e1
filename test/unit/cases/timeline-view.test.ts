// The case timeline merges recorded events with entries derived from steps, approvals and
// containment rows, in time order, without showing the same approval or action twice.
import { describe, expect, it } from "vitest";
import { buildTimeline, type TimelineSources } from "@/server/cases/timeline-view";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));
const empty: TimelineSources = { events: [], steps: [], approvals: [], decisions: [], containment: [] };

describe("buildTimeline", () => {
  it("interleaves events, steps, approvals, decisions and containment by time", () => {
    const timeline = buildTimeline({
      events: [
        { id: 1, at: t(0), actor: "source:siem", kind: "case_opened", data: { title: "x" } },
        { id: 2, at: t(50), actor: "user:u1", kind: "comment", data: { text: "done" } },
      ],
      steps: [
        { runId: "r1", playbookTitle: "Lockout", name: "enrich", kind: "step", status: "succeeded", attempt: 2, error: null, startedAt: t(5), finishedAt: t(10) },
        { runId: "r1", playbookTitle: "Lockout", name: "comment#1", kind: "comment", status: "succeeded", attempt: 1, error: null, startedAt: t(11), finishedAt: t(11) },
        { runId: "r1", playbookTitle: "Lockout", name: "lock account", kind: "approval", status: "waiting", attempt: 1, error: null, startedAt: t(12), finishedAt: null },
      ],
      approvals: [{ id: "a1", runId: "r1", title: "lock account", params: { user: "alice" }, requiredRole: "manager", status: "approved", createdAt: t(12), decidedAt: t(30), expiresAt: null, requestedBy: null }],
      decisions: [{ approvalId: "a1", userId: "m1", decision: "approve", reason: "ok", via: "web", at: t(30) }],
      containment: [{ id: "c1", runId: "r1", action: "disableUser", target: "alice", status: "rolled_back", createdBy: "playbook:r1", createdAt: t(40), expiresAt: null, rolledBackAt: t(45), rolledBackBy: "user:u1", error: null }],
    });
    expect(timeline.map((e) => e.kind)).toEqual(["case_opened", "step", "approval_requested", "approval_decided", "containment", "containment_rolled_back", "comment"]);
    expect(timeline[1]!.data).toMatchObject({ name: "enrich", attempt: 2, durationMs: 5000, playbook: "Lockout" });
    expect(timeline[3]).toMatchObject({ actor: "user:m1", data: { decision: "approve", title: "lock account", reason: "ok" } });
    expect(timeline[5]).toMatchObject({ actor: "user:u1", at: t(45) });
  });

  it("prefers a recorded event over the derived entry for the same approval or action", () => {
    const timeline = buildTimeline({
      ...empty,
      events: [
        { id: 1, at: t(1), actor: "playbook:r1", kind: "approval_requested", data: { approvalId: "a1", title: "lock" } },
        { id: 2, at: t(2), actor: "playbook:r1", kind: "containment", data: { containmentId: "c1" } },
      ],
      approvals: [{ id: "a1", runId: "r1", title: "lock", params: {}, requiredRole: "manager", status: "pending", createdAt: t(1), decidedAt: null, expiresAt: null, requestedBy: null }],
      containment: [{ id: "c1", runId: "r1", action: "blockIp", target: "198.51.100.1", status: "active", createdBy: "playbook:r1", createdAt: t(2), expiresAt: null, rolledBackAt: null, rolledBackBy: null, error: null }],
    });
    expect(timeline.map((e) => e.key)).toEqual(["event:1", "event:2"]);
  });

  it("marks an expired approval", () => {
    const timeline = buildTimeline({ ...empty, approvals: [{ id: "a1", runId: "r1", title: "lock", params: {}, requiredRole: "manager", status: "expired", createdAt: t(1), decidedAt: t(9), expiresAt: t(9), requestedBy: "u1" }] });
    expect(timeline.map((e) => [e.kind, e.actor])).toEqual([["approval_requested", "user:u1"], ["approval_expired", "system"]]);
  });
});
