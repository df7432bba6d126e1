"use client";
// The run's journal: one row per step in order, with kind, status, attempts, duration, when a
// waiting step wakes, redacted input/output, and the error.
import { StatusBadge } from "@/components/badges";
import { Elapsed } from "@/components/duration";
import { JsonView } from "@/components/json-view";
import { Time } from "@/components/time";

export interface JournalStep {
  name: string;
  seq: number;
  kind: string;
  status: string;
  attempt: number;
  input: unknown;
  output: unknown;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  wakeAt: Date | null;
}

const KIND_LABEL: Record<string, string> = { step: "step", approval: "approval", sleep: "sleep", wait: "wait for", comment: "comment", now: "clock", "case-status": "case status" };

export function StepJournal({ steps }: { steps: JournalStep[] }) {
  if (steps.length === 0) return <p className="text-sm text-slate-500">No step has run yet. The run starts as soon as a worker picks it up.</p>;
  return (
    <table className="w-full text-sm" data-testid="step-journal">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-2 font-medium">#</th>
          <th className="py-1 pr-2 font-medium">Step</th>
          <th className="py-1 pr-2 font-medium">Status</th>
          <th className="py-1 pr-2 font-medium">Attempts</th>
          <th className="py-1 pr-2 font-medium">Duration</th>
          <th className="py-1 font-medium">Details</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top dark:divide-slate-800">
        {steps.map((s) => (
          <tr key={s.name} data-testid="journal-step" data-step={s.name}>
            <td className="py-2 pr-2 font-mono text-xs text-slate-500">{s.seq}</td>
            <td className="py-2 pr-2">
              <span className="font-medium">{s.name}</span>
              <span className="block text-xs text-slate-500">{KIND_LABEL[s.kind] ?? s.kind}</span>
            </td>
            <td className="py-2 pr-2"><StatusBadge status={s.status} /></td>
            <td className="py-2 pr-2 tabular-nums" data-testid="step-attempts">{s.attempt}</td>
            <td className="py-2 pr-2 text-slate-500"><Elapsed start={s.startedAt} end={s.finishedAt} /></td>
            <td className="space-y-1 py-2">
              {s.status === "waiting" && s.wakeAt && (
                <p className="text-xs text-amber-600 dark:text-amber-300">
                  {s.kind === "step" ? "next attempt" : s.kind === "wait" ? "times out" : "wakes"} <Time value={s.wakeAt} />
                </p>
              )}
              {s.error && <p className="whitespace-pre-wrap text-xs text-red-500" data-testid="step-error">{s.error}</p>}
              <JsonView value={s.input} label="input" />
              <JsonView value={s.output} label="output" testId="step-output" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
