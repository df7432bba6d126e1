"use client";
import { useQuery } from "@tanstack/react-query";
import { SeverityBadge, StatusBadge } from "@/components/badges";
import { CaseEnrichments } from "@/components/observable-enrichments";
import { ContainmentList } from "@/components/containment-list";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";

function Panel({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold dark:border-slate-800">{title}</h2>
      <div className="p-4">{children}</div>
    </section>
  );
}

function durationMs(start: Date | null, end: Date | null): string {
  if (!start || !end) return "";
  const ms = end.getTime() - start.getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function CaseDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.cases.byId.queryOptions({ id }), refetchInterval: 2_000 });
  if (query.error) return <p role="alert" className="text-red-500">Could not load case {id}: {query.error.message}</p>;
  if (!query.data) return <p className="text-slate-500">Loading case…</p>;
  const c = query.data;
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-center gap-3">
        <span className="font-mono text-slate-500">#{c.number}</span>
        <h1 className="text-xl font-semibold" data-testid="case-title">{c.title}</h1>
        <SeverityBadge severity={c.severity} />
        <StatusBadge status={c.status} />
        <span className="text-sm text-slate-500">
          opened <Time value={c.createdAt} /> · {c.alertCount} alert{c.alertCount === 1 ? "" : "s"} · {c.assignee ? `assigned to ${c.assignee.name}` : "unassigned"}
        </span>
      </header>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Panel title="Alerts" testId="case-alerts">
            <ul className="space-y-3">
              {c.alerts.map((a) => (
                <li key={a.id} className="text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <SeverityBadge severity={a.severity} />
                    <span className="font-medium">{a.title}</span>
                    <span className="text-slate-500">from {a.source}</span>
                    {a.duplicateCount > 0 && <span className="text-xs text-slate-500">+{a.duplicateCount} duplicates</span>}
                    <span className="ml-auto text-xs text-slate-500">occurred <Time value={a.occurredAt} /></span>
                  </div>
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-slate-500">Raw payload</summary>
                    <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-950">{JSON.stringify(a.raw, null, 2)}</pre>
                  </details>
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title="Containment" testId="case-containment">
            <ContainmentList caseId={c.id} compact />
          </Panel>
          <Panel title="Playbook runs" testId="case-runs">
            {c.runs.length === 0 && <p className="text-sm text-slate-500">No playbook has run on this case.</p>}
            <ul className="space-y-4">
              {c.runs.map((r) => (
                <li key={r.id} data-testid="run" className="text-sm">
                  <div className="flex items-center gap-2">
                    <span className="font-medium">{r.playbookTitle}</span>
                    <StatusBadge status={r.status} />
                    <span className="font-mono text-xs text-slate-500">v{r.versionHash?.slice(0, 7) ?? "?"}</span>
                    {r.error && <span className="text-xs text-red-500">{r.error}</span>}
                  </div>
                  <ol className="mt-2 space-y-1 border-l border-slate-200 pl-3 dark:border-slate-700">
                    {r.steps.map((s) => (
                      <li key={s.name} data-testid="run-step" className="flex items-center gap-2">
                        <StatusBadge status={s.status} />
                        <span>{s.name}</span>
                        {s.attempt > 1 && <span className="text-xs text-slate-500">attempt {s.attempt}</span>}
                        <span className="ml-auto text-xs text-slate-500">{durationMs(s.startedAt, s.finishedAt)}</span>
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ul>
          </Panel>
        </div>
        <div className="space-y-4">
          <Panel title="Observables" testId="case-observables">
            {c.observables.length === 0 ? (
              <p className="text-sm text-slate-500">None extracted.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {c.observables.map((o) => (
                  <li key={o.id} className="flex gap-2">
                    <span className="w-14 shrink-0 text-xs uppercase text-slate-500">{o.type}</span>
                    <span className="break-all font-mono">{o.value}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <CaseEnrichments caseId={c.id} />
          <Panel title="Timeline" testId="case-timeline">
            <ol className="space-y-2 text-sm">
              {c.timeline.map((e) => (
                <li key={e.id} className="flex gap-2">
                  <span className="w-20 shrink-0 text-xs text-slate-500"><Time value={e.at} /></span>
                  <span>
                    <span className="font-medium">{e.kind.replace(/_/g, " ")}</span>
                    {typeof (e.data as { text?: unknown }).text === "string" && <span className="block whitespace-pre-wrap text-slate-600 dark:text-slate-300">{(e.data as { text: string }).text}</span>}
                    <span className="block text-xs text-slate-500">{e.actor}</span>
                  </span>
                </li>
              ))}
            </ol>
          </Panel>
        </div>
      </div>
    </div>
  );
}
