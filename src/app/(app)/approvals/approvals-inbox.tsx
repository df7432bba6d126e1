"use client";
// The inbox: pending approvals first (soonest deadline first), then recent decisions.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { ApprovalCard } from "./approval-card";

export function ApprovalsInbox() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({ ...trpc.approvals.list.queryOptions({ status: "all", limit: 50 }), refetchInterval: 2_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.approvals.list.queryKey() });
  const items = list.data ?? [];
  const pending = items.filter((a) => a.status === "pending");
  const decided = items.filter((a) => a.status !== "pending");
  return (
    <section className="space-y-6">
      <div className="flex items-baseline gap-3">
        <h1 className="text-lg font-semibold">Approvals</h1>
        {list.data && <p className="text-sm text-slate-500" data-testid="pending-count">{pending.length} waiting for a decision</p>}
      </div>
      {list.error && <p role="alert" className="text-sm text-red-500">Could not load approvals: {list.error.message}</p>}
      {list.isSuccess && pending.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
          Nothing waits for a decision. Playbooks ask here before risky steps (ctx.approval); approvers are also sent a one-time link.
        </div>
      )}
      {pending.length > 0 && (
        <ul className="space-y-3" data-testid="pending-approvals">
          {pending.map((a) => <ApprovalCard key={a.id} approval={a} onDecided={refresh} />)}
        </ul>
      )}
      {decided.length > 0 && (
        <div>
          <h2 className="mb-2 text-sm font-semibold text-slate-500">Recently decided</h2>
          <ul className="space-y-3" data-testid="decided-approvals">
            {decided.map((a) => <ApprovalCard key={a.id} approval={a} onDecided={refresh} />)}
          </ul>
        </div>
      )}
    </section>
  );
}
