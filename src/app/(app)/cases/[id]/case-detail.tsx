"use client";
// One case: header with SLA clocks, actions, the timeline (with comments), runs, alerts,
// observables, approvals, containment. Updates live (components/live-updates.tsx invalidates
// this query when an event names this case).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ErrorState } from "@/components/empty-state";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";
import { AlertsPanel } from "./alerts-panel";
import { ApprovalsPanel } from "./approvals-panel";
import { CaseActions } from "./case-actions";
import { CaseContainmentPanel } from "./containment-panel";
import { CaseHeader } from "./case-header";
import { ObservablesPanel } from "./observables-panel";
import { RunsPanel } from "./runs-panel";
import { Timeline } from "./timeline";

export function CaseDetail({ id, me }: { id: string; me: { id: string } }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const query = useQuery(trpc.cases.byId.queryOptions({ id }));
  const toast = useToast();
  const rollback = useMutation(
    trpc.containment.rollback.mutationOptions({
      onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.cases.pathKey() }),
      onError: (e) => toast.error(`Roll back failed: ${e.message}`),
    }),
  );
  if (query.error)
    return (
      <div className="space-y-3">
        <ErrorState what={`load case ${id}`} error={query.error} />
        <Link href="/cases" className="text-sm text-sky-600 hover:underline">Back to cases</Link>
      </div>
    );
  if (!query.data) return <p className="py-10 text-center text-sm text-slate-500">Loading case…</p>;
  const c = query.data;
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.cases.pathKey() });
  return (
    <div className="space-y-4">
      <CaseHeader c={c} />
      <CaseActions c={c} me={me} />
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="space-y-4 lg:col-span-3">
          <Timeline c={c} onChanged={refresh} />
          <AlertsPanel caseId={c.id} alerts={c.alerts} total={c.alertCount} />
        </div>
        <div className="space-y-4 lg:col-span-2">
          <RunsPanel runs={c.runs} />
          <ApprovalsPanel approvals={c.approvals} names={c.actorNames} />
          <CaseContainmentPanel actions={c.containment} onRollback={(a) => rollback.mutate({ id: a.id })} rollingBack={rollback.isPending} />
          <ObservablesPanel caseId={c.id} observables={c.observables} />
        </div>
      </div>
    </div>
  );
}
