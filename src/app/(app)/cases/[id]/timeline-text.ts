// Words for timeline entries and actors: "Ana Lee changed status triage → resolved". Pure, so the
// wording is unit-tested and the timeline component stays about layout.
export interface ActorContext {
  names: Record<string, string>;
  runTitles: Record<string, string>;
}

export function actorLabel(actor: string, ctx: ActorContext): string {
  const [kind, id = ""] = actor.split(/:(.*)/s);
  if (kind === "user") return ctx.names[id] ?? "a deleted user";
  if (kind === "playbook") return ctx.runTitles[id] ? `playbook ${ctx.runTitles[id]}` : `playbook ${id.slice(0, 8)}`;
  if (kind === "source") return `source ${id}`;
  return actor;
}

const str = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));
const label = (v: unknown) => str(v).replace(/_/g, " ");

const alertsWord = (ids: unknown) => {
  const n = Array.isArray(ids) ? ids.length : 0;
  return n === 1 ? "1 alert" : `${n} alerts`;
};
/** "case #4" or "cases #4, #7" from [{ number }] (merge and split records). */
const caseNumbers = (list: unknown) => {
  const numbers = (Array.isArray(list) ? list : []).map((m) => `#${str((m as { number?: unknown }).number)}`);
  return `${numbers.length === 1 ? "case" : "cases"} ${numbers.join(", ")}`;
};

export type EntryTone = "alert" | "change" | "comment" | "playbook" | "approval" | "containment" | "other";

/** The filter group an entry belongs to (timeline filter chips). */
export function entryTone(kind: string): EntryTone {
  if (kind.startsWith("alert") || kind === "case_opened") return "alert";
  if (kind === "comment") return "comment";
  if (kind.startsWith("run_") || kind === "step") return "playbook";
  if (kind.startsWith("approval")) return "approval";
  if (kind.startsWith("containment") || kind === "guardrail_refused") return "containment";
  if (["status_changed", "severity_changed", "assigned", "acknowledged", "merged", "split"].includes(kind)) return "change";
  return "other";
}

/** One line saying what happened (the comment text itself is rendered separately as markdown). */
export function describeEntry(e: { kind: string; actor: string; data: Record<string, unknown> }, ctx: ActorContext): string {
  const d = e.data;
  switch (e.kind) {
    case "case_opened":
      if (d.splitFromNumber) return `opened the case with ${alertsWord(d.alertIds)} split out of #${str(d.splitFromNumber)}`;
      return `opened the case with alert “${str(d.title)}”`;
    case "alert_added":
      return `added alert “${str(d.title)}”`;
    case "alert_duplicate":
      return `sent a duplicate of “${str(d.title)}”`;
    case "status_changed":
      return `changed status ${label(d.from)} → ${label(d.to)}${d.reason ? `: ${str(d.reason)}` : ""}`;
    case "severity_changed":
      return `changed severity ${str(d.from)} → ${str(d.to)}`;
    case "assigned":
      if (!d.to) return "unassigned the case";
      return e.actor === `user:${str(d.to)}` ? "took the case" : `assigned the case to ${str(d.toName) || ctx.names[str(d.to)] || "a user"}`;
    case "acknowledged":
      return "acknowledged the case";
    case "comment":
      return "commented";
    case "run_started":
      return `started playbook ${ctx.runTitles[str(d.runId)] ?? str(d.playbookId)}`;
    case "run_finished":
      return `finished: ${str(d.status)}${d.error ? ` (${str(d.error)})` : ""}`;
    case "step":
      return `step “${str(d.name)}” ${str(d.status)}${Number(d.attempt) > 1 ? ` (attempt ${str(d.attempt)})` : ""}${d.error ? `: ${str(d.error)}` : ""}`;
    case "approval_requested":
      return `requested approval “${str(d.title)}” from a ${str(d.requiredRole) || "manager"}`;
    case "approval_decided":
      return `${str(d.decision) === "approve" ? "approved" : "rejected"} “${str(d.title)}”${d.via === "link" ? " from the signed link" : ""}${d.reason ? `: ${str(d.reason)}` : ""}`;
    case "approval_expired":
      return `approval “${str(d.title)}” expired`;
    case "containment":
      return `${str(d.action)} on ${str(d.target)} (${label(d.status)})`;
    case "containment_rolled_back":
      return `rolled back ${str(d.action)} on ${str(d.target)}`;
    case "guardrail_refused":
      return `guardrail refused ${str(d.action)} on ${str(d.target)}${d.reason ? `: ${str(d.reason)}` : ""}`;
    case "merged":
      if (d.intoNumber) return `merged this case into #${str(d.intoNumber)}`;
      return `merged ${caseNumbers(d.merged)} into this one`;
    case "split":
      if (d.fromNumber) return `took back ${alertsWord(d.alertIds)} split out of #${str(d.fromNumber)}`;
      return `split ${alertsWord(d.alertIds)} out to ${caseNumbers(d.to)}`;
    default:
      return label(e.kind);
  }
}
