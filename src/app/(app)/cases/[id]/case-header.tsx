// Case header: number, title, severity, status, source, assignee, and the SLA clocks.
import Link from "next/link";
import { SeverityBadge, StatusBadge } from "@/components/badges";
import { SlaClocks } from "@/components/sla-clock";
import { Time } from "@/components/time";
import type { CaseData } from "@/trpc/types";

export function CaseHeader({ c }: { c: CaseData }) {
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-mono text-slate-500" data-testid="case-number">#{c.number}</span>
        <h1 className="text-xl font-semibold" data-testid="case-title">{c.title}</h1>
        <span data-testid="case-severity"><SeverityBadge severity={c.severity} /></span>
        <span data-testid="case-status"><StatusBadge status={c.status} /></span>
        {c.mergedIntoId && (
          <Link data-testid="merged-into" href={`/cases/${c.mergedIntoId}`} className="rounded bg-amber-500/15 px-2 py-0.5 text-xs font-medium text-amber-700 hover:underline dark:text-amber-300">
            merged into another case: open it →
          </Link>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-500">
        {c.source ? <>from <span className="font-medium text-slate-700 dark:text-slate-300">{c.source}</span> · </> : null}
        opened <Time value={c.createdAt} /> · {c.alertCount} alert{c.alertCount === 1 ? "" : "s"} ·{" "}
        <span data-testid="case-assignee">{c.assignee ? <>assigned to <span className="font-medium text-slate-700 dark:text-slate-300">{c.assignee.name}</span></> : "unassigned"}</span>
        {c.acknowledgedAt && <> · acknowledged <Time value={c.acknowledgedAt} /></>}
      </p>
      <div className="mt-3 border-t border-slate-100 pt-3 dark:border-slate-800">
        <SlaClocks c={c} />
      </div>
    </header>
  );
}
