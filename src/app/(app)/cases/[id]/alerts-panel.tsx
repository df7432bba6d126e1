"use client";
// The alerts of the case, newest first, with the raw payload collapsed (shown as escaped text)
// and "Split out": an alert that came in by a merge goes back to its case, any other alert
// starts a new case (cases.split). A case keeps at least one alert, so the last has no button.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { SeverityBadge } from "@/components/badges";
import { Button } from "@/components/button";
import { JsonViewer } from "@/components/json-viewer";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";
import type { CaseData } from "@/trpc/types";

export function AlertsPanel({ caseId, alerts, total }: { caseId: string; alerts: CaseData["alerts"]; total: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [moved, setMoved] = useState<{ caseId: string; number: number }[]>([]);
  const split = useMutation(
    trpc.cases.split.mutationOptions({
      onSuccess: (r) => {
        setMoved(r.moves);
        toast.success(`Alert moved to case ${r.moves.map((m) => `#${m.number}`).join(", ")}`);
        void qc.invalidateQueries({ queryKey: trpc.cases.pathKey() });
      },
      onError: (e) => toast.error(`Could not split the alert out: ${e.message}`),
    }),
  );
  return (
    <Panel title={`Alerts (${total})`} testId="case-alerts">
      {total > alerts.length && <p className="mb-2 text-xs text-slate-500">Showing the newest {alerts.length} of {total}.</p>}
      {moved.length > 0 && (
        <p data-testid="split-result" className="mb-2 rounded bg-sky-500/10 px-3 py-2 text-sm text-sky-800 dark:text-sky-200">
          Split out to{" "}
          {moved.map((m) => (
            <Link key={m.caseId} href={`/cases/${m.caseId}`} className="font-medium underline">case #{m.number}</Link>
          ))}
          .
        </p>
      )}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {alerts.map((a) => (
          <li key={a.id} data-testid="case-alert" className="py-2 text-sm first:pt-0 last:pb-0">
            <div className="flex items-start gap-2">
              <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
                <SeverityBadge severity={a.severity} />
                <span className="font-medium">{a.title}</span>
                <span className="text-xs text-slate-500">from {a.source}{a.externalId ? ` · id ${a.externalId}` : ""}</span>
                {a.fromMerge && <span className="rounded bg-amber-500/15 px-1.5 text-xs text-amber-700 dark:text-amber-300">merged in</span>}
                {a.duplicateCount > 0 && <span className="rounded bg-slate-500/15 px-1.5 text-xs text-slate-600 dark:text-slate-300" title={`last seen ${a.lastSeenAt.toISOString()}`}>+{a.duplicateCount} duplicate{a.duplicateCount === 1 ? "" : "s"}</span>}
              </div>
              <div className="flex shrink-0 items-center gap-2">
                <span className="text-xs text-slate-500">occurred <Time value={a.occurredAt} /></span>
                {total > 1 && (
                  <Button
                    size="sm"
                    variant="ghost"
                    title={a.fromMerge ? "Move this alert back to the case it was merged from" : "Move this alert into a new case"}
                    aria-label={`Split out ${a.title}`}
                    loading={split.isPending && split.variables?.alertIds[0] === a.id}
                    disabled={split.isPending}
                    onClick={() => split.mutate({ caseId, alertIds: [a.id] })}
                  >
                    Split out
                  </Button>
                )}
              </div>
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
