// Severity, status, role and verdict badges: one colour scheme everywhere, and the text itself
// always carries the meaning (colour is never the only signal).
const SEVERITY: Record<string, string> = {
  low: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
  medium: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  high: "bg-orange-500/15 text-orange-700 dark:text-orange-300",
  critical: "bg-red-500/15 text-red-700 dark:text-red-300",
};
const NEUTRAL = "bg-slate-500/15 text-slate-600 dark:text-slate-300";
const SKY = "bg-sky-500/15 text-sky-700 dark:text-sky-300";
const AMBER = "bg-amber-500/15 text-amber-700 dark:text-amber-300";
const GREEN = "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300";
const RED = "bg-red-500/15 text-red-700 dark:text-red-300";
const VIOLET = "bg-violet-500/15 text-violet-700 dark:text-violet-300";
const STATUS: Record<string, string> = {
  new: SKY,
  triage: VIOLET,
  contained: AMBER,
  resolved: GREEN,
  false_positive: NEUTRAL,
  queued: NEUTRAL,
  running: SKY,
  waiting: AMBER,
  succeeded: GREEN,
  failed: RED,
  cancelled: NEUTRAL,
  skipped: NEUTRAL,
  pending: AMBER,
  approved: GREEN,
  rejected: RED,
  expired: NEUTRAL,
  active: AMBER,
  rolled_back: NEUTRAL,
  completed: NEUTRAL,
};
const ROLE: Record<string, string> = { analyst: NEUTRAL, manager: VIOLET, admin: RED };
const VERDICT: Record<string, string> = { malicious: RED, suspicious: AMBER, benign: GREEN, unknown: NEUTRAL };

const base = "inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap";

export function Badge({ children, tone = NEUTRAL, title }: { children: React.ReactNode; tone?: string; title?: string }) {
  return (
    <span className={`${base} ${tone}`} title={title}>
      {children}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span data-severity={severity} className={`${base} ${SEVERITY[severity] ?? SEVERITY.low}`}>
      {severity}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-status={status} className={`${base} ${STATUS[status] ?? NEUTRAL}`}>
      {status.replace(/_/g, " ")}
    </span>
  );
}

export function RoleBadge({ role }: { role: string }) {
  return <span className={`${base} ${ROLE[role] ?? NEUTRAL}`}>{role}</span>;
}

export function VerdictBadge({ verdict }: { verdict: string | null }) {
  const v = verdict ?? "unknown";
  return <span className={`${base} ${VERDICT[v] ?? NEUTRAL}`}>{v}</span>;
}
