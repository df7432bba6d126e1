// Badge for an approval's status, in the colours of the other status badges.
const STYLE: Record<string, string> = {
  pending: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  approved: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  rejected: "bg-red-500/15 text-red-700 dark:text-red-300",
  expired: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
  cancelled: "bg-slate-500/15 text-slate-600 dark:text-slate-300",
};

export function ApprovalStatusBadge({ status }: { status: string }) {
  return (
    <span data-status={status} className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${STYLE[status] ?? STYLE.expired}`}>
      {status}
    </span>
  );
}
