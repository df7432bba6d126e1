"use client";
// One run: header, actions (cancel / retry from the failed step), the approval it waits for, the
// step journal, and the run's input and output. Refreshes every second while it is not finished.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { StatusBadge } from "@/components/badges";
import { Elapsed } from "@/components/duration";
import { JsonView } from "@/components/json-view";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";
import { RunApprovals } from "./run-approvals";
import { StepJournal } from "./step-journal";

const ACTIVE = ["queued", "running", "waiting"];

function RunActions({ id, status }: { id: string; status: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.runs.byId.queryKey({ id }) });
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess }));
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess }));
  const error = cancel.error ?? retry.error;
  if (!ACTIVE.includes(status) && status !== "failed") return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor="run-action-reason">Reason</label>
      <input id="run-action-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Reason (recorded in the audit log)" className="w-72 rounded-md border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-700" />
      {ACTIVE.includes(status) && (
        <button type="button" disabled={cancel.isPending} onClick={() => cancel.mutate({ runId: id, reason: reason || undefined })} className="rounded-md border border-red-500/50 px-3 py-1 text-sm text-red-600 hover:bg-red-500/10 disabled:opacity-50 dark:text-red-400">
          Cancel run
        </button>
      )}
      {status === "failed" && (
        <button type="button" disabled={retry.isPending} onClick={() => retry.mutate({ runId: id, reason: reason || undefined })} className="rounded-md bg-sky-600 px-3 py-1 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-50">
          Retry from the failed step
        </button>
      )}
      {error && <p role="alert" className="text-sm text-red-500">{error.message}</p>}
    </div>
  );
}

export function RunDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.runs.byId.queryOptions({ id }), refetchInterval: (q) => (q.state.data && !ACTIVE.includes(q.state.data.status) ? 5_000 : 1_000) });
  if (query.error) return <p role="alert" className="text-red-500">Could not load run {id}: {query.error.message}</p>;
  if (!query.data) return <p className="text-slate-500">Loading run…</p>;
  const run = query.data;
  const pending = run.approvals.filter((a) => a.status === "pending");
  return (
    <div className="space-y-4">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold" data-testid="run-title">{run.playbookTitle}</h1>
          <span data-testid="run-status"><StatusBadge status={run.status} /></span>
          <span className="font-mono text-xs text-slate-500" title="playbook version this run started with">v{run.versionHash?.slice(0, 8) ?? "?"}</span>
        </div>
        <p className="text-sm text-slate-500">
          {run.caseNumber ? <>on <Link href={`/cases/${run.caseNumber}`} className="hover:underline">case #{run.caseNumber} {run.caseTitle}</Link> · </> : null}
          {run.requestedByName ? `started by ${run.requestedByName}` : "started by a trigger"} · created <Time value={run.createdAt} />
          {run.finishedAt && <> · took <Elapsed start={run.startedAt} end={run.finishedAt} /></>}
        </p>
        <RunActions id={run.id} status={run.status} />
      </header>
      {run.error && (
        <div role="alert" data-testid="run-error" className="rounded-md border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-700 dark:text-red-300">
          {run.error}
        </div>
      )}
      {pending.length > 0 && (
        <Panel title="Waiting for approval" testId="waiting-approval">
          <RunApprovals approvals={pending} />
        </Panel>
      )}
      <Panel title="Steps" testId="run-steps">
        <StepJournal steps={run.steps} />
      </Panel>
      {run.approvals.length > pending.length && (
        <Panel title="Decided approvals">
          <RunApprovals approvals={run.approvals.filter((a) => a.status !== "pending")} />
        </Panel>
      )}
      <Panel title="Input and output">
        <div className="space-y-2">
          <JsonView value={run.input} label="input" />
          <JsonView value={run.output} label="output" testId="run-output" />
        </div>
      </Panel>
    </div>
  );
}
