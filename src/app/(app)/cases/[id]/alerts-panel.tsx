// The alerts of the case, newest first, with the raw payload collapsed (shown as escaped text).
import { SeverityBadge } from "@/components/badges";
import { JsonViewer } from "@/components/json-viewer";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import type { CaseData } from "@/trpc/types";

export function AlertsPanel({ alerts, total }: { alerts: CaseData["alerts"]; total: number }) {
  return (
    <Panel title={`Alerts (${total})`} testId="case-alerts">
      {total > alerts.length && <p className="mb-2 text-xs text-slate-500">Showing the newest {alerts.length} of {total}.</p>}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {alerts.map((a) => (
          <li key={a.id} data-testid="case-alert" className="py-2 text-sm first:pt-0 last:pb-0">
            <div className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={a.severity} />
              <span className="font-medium">{a.title}</span>
              <span className="text-xs text-slate-500">from {a.source}{a.externalId ? ` · id ${a.externalId}` : ""}</span>
              {a.duplicateCount > 0 && <span className="rounded bg-slate-500/15 px-1.5 text-xs text-slate-600 dark:text-slate-300" title={`last seen ${a.lastSeenAt.toISOString()}`}>+{a.duplicateCount} duplicate{a.duplicateCount === 1 ? "" : "s"}</span>}
              <span className="ml-auto text-xs text-slate-500">occurred <Time value={a.occurredAt} /></span>
            </div>
            <div className="mt-1">
              <JsonViewer value={a.raw} summary="Raw payload" testId="raw-payload" />
            </div>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
