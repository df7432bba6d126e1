"use client";
// SLA clocks (time to acknowledge, time to resolve) that tick while they run. Rules and targets
// are shared with the server (server/cases/sla.ts, pure).
import { useEffect, useState } from "react";
import { caseSla, formatDuration, type SlaClock as Clock } from "@/server/cases/sla";

/** The current time, re-read every `ms` (for clocks and relative times). */
export function useNow(ms = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function ClockView({ label, clock, testId }: { label: string; clock: Clock; testId: string }) {
  const tone = clock.breached ? "text-red-600 dark:text-red-400" : clock.running ? "text-amber-600 dark:text-amber-300" : "text-emerald-600 dark:text-emerald-400";
  const state = clock.breached ? (clock.running ? "overdue" : "missed target") : clock.running ? "running" : "met";
  return (
    <div data-testid={testId} data-state={state} className="min-w-36">
      <div className="text-[11px] tracking-wide text-slate-500 uppercase">{label}</div>
      <div className={`font-mono text-sm tabular-nums ${tone}`}>
        {formatDuration(clock.elapsedMs)}
        <span className="ml-1.5 font-sans text-xs text-slate-500">
          {state} · target {formatDuration(clock.targetMs)}
        </span>
      </div>
    </div>
  );
}

export function SlaClocks({ c }: { c: { severity: string; createdAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null } }) {
  const now = useNow();
  const sla = caseSla(c, now);
  return (
    <div className="flex flex-wrap gap-6">
      <ClockView label="Time to acknowledge" clock={sla.acknowledge} testId="sla-ack" />
      <ClockView label="Time to resolve" clock={sla.resolve} testId="sla-resolve" />
    </div>
  );
}

/** One-word SLA state for list rows. */
export function SlaCell({ c, now }: { c: { severity: string; createdAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null; status: string }; now: Date }) {
  const sla = caseSla(c, now);
  if (!sla.resolve.running) return <span className="text-xs text-slate-400">closed</span>;
  const clock = sla.acknowledge.running ? sla.acknowledge : sla.resolve;
  const what = sla.acknowledge.running ? "ack" : "resolve";
  const left = clock.targetMs - clock.elapsedMs;
  return clock.breached ? (
    <span className="text-xs font-medium text-red-600 dark:text-red-400">{what} overdue {formatDuration(-left)}</span>
  ) : (
    <span className="text-xs text-slate-500">
      {what} in {formatDuration(left)}
    </span>
  );
}
