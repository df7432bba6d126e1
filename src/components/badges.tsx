// Severity and status badges, one colour scheme everywhere.
const SEVERITY: Record<string, string> = {
  low: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
  medium: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  high: "bg-orange-500/15 text-orange-700 dark:text-orange-300",
  critical: "bg-red-500/15 text-red-700 dark:text-red-300",
};
const STATUS: Record<string, string> = {
  new: "bg-sky-500/15 text-sky-700 dark:text-sky-300",
  triage: "bg-violet-500/15 text-violet-700 dark:text-violet-300",
  contained: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  resolved: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  false_positive: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
  queued: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
  running: "bg-sky-500/15 text-sky-700 dark:text-sky-300",
  waiting: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  succeeded: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  failed: "bg-red-500/15 text-red-700 dark:text-red-300",
  cancelled: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
  skipped: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
  pending: "bg-sky-500/15 text-sky-700 dark:text-sky-300",
  active: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  completed: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
  rolled_back: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  expired: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
};

const base = "inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap";

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`${base} ${SEVERITY[severity] ?? SEVERITY.low}`}>{severity}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-status={status} className={`${base} ${STATUS[status] ?? STATUS.queued}`}>
      {status.replace("_", " ")}
    </span>
  );
}
