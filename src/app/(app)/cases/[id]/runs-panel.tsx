// Playbook runs of the case with their step journal: status, attempts, duration, errors, and
// (collapsed) each step's output, already redacted by the server.
import Link from "next/link";
import { StatusBadge } from "@/components/badges";
import { JsonViewer } from "@/components/json-viewer";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import { formatDuration } from "@/server/cases/sla";
import type { CaseData } from "@/trpc/types";

const duration = (start: Date | null, end: Date | null) => (start && end ? formatDuration(end.getTime() - start.getTime()) : start ? "running" : "");

export function RunsPanel({ runs }: { runs: CaseData["runs"] }) {
  return (
    <Panel title={`Playbook runs (${runs.length})`} testId="case-runs">
      {runs.length === 0 && <p className="text-sm text-slate-500">No playbook has run on this case. Start one with “Run playbook…” (r).</p>}
      <ul className="space-y-4">
        {runs.map((r) => (
          <li key={r.id} data-testid="run" className="text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/runs/${r.id}`} className="font-medium hover:underline">{r.playbookTitle}</Link>
              <StatusBadge status={r.status} />
              <span className="font-mono text-xs text-slate-500">v{r.versionHash?.slice(0, 7) ?? "?"}</span>
              <span className="ml-auto text-xs text-slate-500">started <Time value={r.startedAt ?? r.createdAt} /></span>
            </div>
            {r.error && <p className="mt-1 text-xs text-red-600 dark:text-red-400">{r.error}</p>}
            {r.steps.length > 0 && (
              <ol className="mt-2 space-y-1 border-l border-slate-200 pl-3 dark:border-slate-700">
                {r.steps.map((s) => (
                  <li key={s.name} data-testid="run-step">
                    <div className="flex items-center gap-2">
                      <StatusBadge status={s.status} />
                      {/* A playbook's comment is on the timeline already; its journal name ("comment#1") is internal. */}
                      <span>{s.kind === "comment" ? "posted a comment" : s.name}</span>
                      <span className="text-xs text-slate-400">{s.kind !== "step" && s.kind !== "comment" ? s.kind : ""}</span>
                      {s.attempt > 1 && <span className="text-xs text-amber-600">attempt {s.attempt}</span>}
                      <span className="ml-auto font-mono text-xs text-slate-500">{duration(s.startedAt, s.finishedAt)}</span>
                    </div>
                    {s.error && <p className="ml-1 text-xs text-red-600 dark:text-red-400">{s.error}</p>}
                    {s.output !== null && s.output !== undefined && s.kind === "step" && <div className="ml-1"><JsonViewer value={s.output} summary="Output" /></div>}
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
