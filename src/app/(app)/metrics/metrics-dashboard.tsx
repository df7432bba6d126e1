"use client";
// The SOC's numbers for a period: alert volume, how fast people acknowledge and resolve, how much
// playbooks close alone, how long approvals wait, which observables keep coming back. All of it
// is computed from the timeline and rows when the page asks (server/metrics/dashboard.ts).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { StackedBarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { EmptyState, ErrorState } from "@/components/empty-state";
import { Select } from "@/components/form";
import { PageHeader, Panel } from "@/components/panel";
import { formatDuration } from "@/server/cases/sla";
import { useTRPC } from "@/trpc/react";
import { alertSeries, automationSeries, responseSeries, weightedMean } from "./series";

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div data-testid={testId} className="rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="text-xs text-slate-500">{label}</div>
      <div className="mt-0.5 text-2xl font-semibold tabular-nums">{value}</div>
      {hint && <div className="text-xs text-slate-500">{hint}</div>}
    </div>
  );
}

const dur = (s: number | null) => (s === null ? "—" : formatDuration(s * 1000));
const hours = (n: number) => (n < 1 ? `${Math.round(n * 60)}m` : `${Math.round(n * 10) / 10}h`);

export function MetricsDashboard() {
  const trpc = useTRPC();
  const [days, setDays] = useState(30);
  const [by, setBy] = useState<"severity" | "source">("severity");
  const q = useQuery(trpc.metrics.dashboard.queryOptions({ days }));
  const d = q.data;
  const totalAlerts = d?.alertsPerDay.reduce((s, r) => s + r.n, 0) ?? 0;
  const opened = d?.responseTimes.reduce((s, w) => s + w.opened, 0) ?? 0;
  const mtta = d ? weightedMean(d.responseTimes.map((w) => ({ n: w.acknowledged, v: w.mttaSeconds }))) : null;
  const mttr = d ? weightedMean(d.responseTimes.map((w) => ({ n: w.resolved, v: w.mttrSeconds }))) : null;
  return (
    <section>
      <PageHeader
        title="Metrics"
        description="Computed from the case timelines and the alert, run and approval records; nothing here is a counter that can drift."
        actions={
          <Select aria-label="Period" className="w-40" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            <option value={7}>Last 7 days</option>
            <option value={30}>Last 30 days</option>
            <option value={90}>Last 90 days</option>
          </Select>
        }
      />
      {q.error && <ErrorState what="compute the metrics" error={q.error} />}
      {q.isPending && <p className="py-10 text-center text-sm text-slate-500">Computing metrics…</p>}
      {d && (
        <div className="space-y-4">
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
            <Stat testId="stat-alerts" label="Alerts received" value={totalAlerts.toLocaleString()} hint={`${d.days} days`} />
            <Stat label="Cases opened" value={opened.toLocaleString()} />
            <Stat testId="stat-mtta" label="Mean time to acknowledge" value={dur(mtta)} hint="first person to act" />
            <Stat label="Mean time to resolve" value={dur(mttr)} hint="opened → resolved / false positive" />
            <Stat testId="stat-automation" label="Automation rate" value={d.automation.rate === null ? "—" : `${Math.round(d.automation.rate * 100)}%`} hint={`${d.automation.automated} of ${d.automation.closed} closed cases, no human step`} />
            <Stat label="Approval decision (median)" value={dur(d.approvals.medianSeconds)} hint={`${d.approvals.decided} decided · ${d.approvals.pending} waiting`} />
          </div>
          {totalAlerts === 0 && opened === 0 ? (
            <EmptyState title="No activity in this period">Metrics appear once alerts arrive and cases are worked. Try a longer period.</EmptyState>
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              <Panel
                title="Alerts per day"
                testId="chart-alerts"
                actions={
                  <Select aria-label="Split alerts by" className="w-36" value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
                    <option value="severity">by severity</option>
                    <option value="source">by source</option>
                  </Select>
                }
              >
                <StackedBarChart label="Alerts per day" {...alertSeries(d, by)} />
              </Panel>
              <Panel title="MTTA and MTTR per week (hours)" testId="chart-response">
                {d.responseTimes.every((w) => w.mttaSeconds === null && w.mttrSeconds === null) ? (
                  <p className="py-16 text-center text-sm text-slate-500">No case was acknowledged or resolved in this period; acknowledge cases (a) to start the clock.</p>
                ) : (
                  <LineChart label="Mean time to acknowledge and resolve per week" formatY={hours} {...responseSeries(d)} />
                )}
              </Panel>
              <Panel title="Closed cases per week: automated vs. with people" testId="chart-automation">
                {d.automation.closed === 0 ? (
                  <p className="py-16 text-center text-sm text-slate-500">No case was closed in this period.</p>
                ) : (
                  <StackedBarChart label="Closed cases per week" {...automationSeries(d)} />
                )}
              </Panel>
              <Panel title="Top observables (cases in this period)" testId="top-observables" bodyClassName="p-0">
                {d.topObservables.length === 0 ? (
                  <p className="p-4 text-sm text-slate-500">No observables in this period.</p>
                ) : (
                  <ol className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
                    {d.topObservables.map((o) => (
                      <li key={`${o.type}:${o.value}`} className="relative flex items-center gap-2 px-4 py-1.5">
                        <span className="absolute inset-y-1 left-0 rounded-r bg-sky-500/10" style={{ width: `${(o.cases / d.topObservables[0]!.cases) * 100}%` }} aria-hidden />
                        <span className="relative w-14 text-[11px] text-slate-500 uppercase">{o.type}</span>
                        <a className="relative font-mono break-all hover:underline" href={`/cases?status=all&observable=${encodeURIComponent(o.value)}`}>{o.value}</a>
                        <span className="relative ml-auto tabular-nums">{o.cases}</span>
                      </li>
                    ))}
                  </ol>
                )}
              </Panel>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
