// The case page's single chronological stream. case_events hold what happened to the case itself;
// playbook steps, approvals and containment actions are DERIVED from their own rows (run_steps,
// approvals, approval_decisions, containment_actions) instead of being copied into case_events.
// When a writer did record an event for the same approval or action, the event wins (no doubles).

export interface TimelineEntry {
  key: string;
  at: Date;
  actor: string;
  kind: string;
  data: Record<string, unknown>;
}

export interface TimelineSources {
  events: { id: number; at: Date; actor: string; kind: string; data: unknown }[];
  steps: { runId: string; playbookTitle: string; name: string; kind: string; status: string; attempt: number; error: string | null; startedAt: Date; finishedAt: Date | null }[];
  approvals: { id: string; runId: string; title: string; params: unknown; requiredRole: string; status: string; createdAt: Date; decidedAt: Date | null; expiresAt: Date | null; requestedBy: string | null }[];
  decisions: { approvalId: string; userId: string; decision: string; reason: string | null; via: string; at: Date }[];
  containment: { id: string; runId: string | null; action: string; target: string; status: string; createdBy: string; createdAt: Date; expiresAt: Date | null; rolledBackAt: Date | null; rolledBackBy: string | null; error: string | null }[];
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Ids that recorded events already describe, per kind, so derived entries do not repeat them. */
function recordedIds(events: TimelineSources["events"]) {
  const seen = new Set<string>();
  for (const e of events) {
    const d = asRecord(e.data);
    const id = d.approvalId ?? d.containmentId ?? d.actionId;
    if (typeof id === "string") seen.add(`${e.kind}:${id}${typeof d.userId === "string" ? `:${d.userId}` : ""}`);
  }
  return seen;
}

function stepEntries(steps: TimelineSources["steps"]): TimelineEntry[] {
  // Comments are case events already; approvals come from their own rows; "now" is bookkeeping.
  return steps
    .filter((s) => s.kind === "step" || s.kind === "sleep" || s.kind === "wait")
    .map((s) => ({
      key: `step:${s.runId}:${s.name}`,
      at: s.finishedAt ?? s.startedAt,
      actor: `playbook:${s.runId}`,
      kind: "step",
      data: {
        runId: s.runId,
        playbook: s.playbookTitle,
        name: s.name,
        status: s.status,
        attempt: s.attempt,
        ...(s.error ? { error: s.error } : {}),
        ...(s.finishedAt ? { durationMs: s.finishedAt.getTime() - s.startedAt.getTime() } : {}),
      },
    }));
}

function approvalEntries(src: TimelineSources, seen: Set<string>): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const byId = new Map(src.approvals.map((a) => [a.id, a]));
  for (const a of src.approvals) {
    if (!seen.has(`approval_requested:${a.id}`))
      out.push({ key: `approval:${a.id}`, at: a.createdAt, actor: a.requestedBy ? `user:${a.requestedBy}` : `playbook:${a.runId}`, kind: "approval_requested", data: { approvalId: a.id, runId: a.runId, title: a.title, params: a.params, requiredRole: a.requiredRole, status: a.status, expiresAt: a.expiresAt } });
    if (a.status === "expired" && a.decidedAt && !seen.has(`approval_expired:${a.id}`))
      out.push({ key: `approval-expired:${a.id}`, at: a.decidedAt, actor: "system", kind: "approval_expired", data: { approvalId: a.id, title: a.title } });
  }
  for (const d of src.decisions) {
    if (seen.has(`approval_decided:${d.approvalId}:${d.userId}`) || seen.has(`approval_decided:${d.approvalId}`)) continue;
    out.push({ key: `decision:${d.approvalId}:${d.userId}`, at: d.at, actor: `user:${d.userId}`, kind: "approval_decided", data: { approvalId: d.approvalId, title: byId.get(d.approvalId)?.title ?? "", decision: d.decision, reason: d.reason, via: d.via } });
  }
  return out;
}

function containmentEntries(rows: TimelineSources["containment"], seen: Set<string>): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const c of rows) {
    const data = { containmentId: c.id, runId: c.runId, action: c.action, target: c.target, status: c.status, expiresAt: c.expiresAt, ...(c.error ? { error: c.error } : {}) };
    if (!seen.has(`containment:${c.id}`)) out.push({ key: `containment:${c.id}`, at: c.createdAt, actor: c.createdBy, kind: "containment", data });
    if (c.rolledBackAt && !seen.has(`containment_rolled_back:${c.id}`))
      out.push({ key: `rollback:${c.id}`, at: c.rolledBackAt, actor: c.rolledBackBy ?? "system", kind: "containment_rolled_back", data });
  }
  return out;
}

export function buildTimeline(src: TimelineSources): TimelineEntry[] {
  const seen = recordedIds(src.events);
  const entries: TimelineEntry[] = [
    ...src.events.map((e) => ({ key: `event:${e.id}`, at: e.at, actor: e.actor, kind: e.kind, data: asRecord(e.data) })),
    ...stepEntries(src.steps),
    ...approvalEntries(src, seen),
    ...containmentEntries(src.containment, seen),
  ];
  // Stable: equal times keep the order above (recorded events first, then derived ones).
  return entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i).map(({ e }) => e);
}
