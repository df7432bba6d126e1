"use client";
// One approval in the inbox: what is asked, the exact params, who asked, the quorum so far, and
// the decision form. The decision carries the params hash the manager was shown.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ApprovalStatusBadge } from "@/components/approval-status";
import { ParamsTable } from "@/components/json-view";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";

export interface InboxApproval {
  id: string;
  title: string;
  status: string;
  params: unknown;
  paramsHash: string;
  requiredRole: string;
  quorum: number;
  approvalsSoFar: number;
  expiresAt: Date | null;
  onTimeout: string;
  createdAt: Date;
  runId: string;
  playbookTitle: string;
  caseNumber: number | null;
  caseTitle: string | null;
  requestedByName: string | null;
  requestedByEmail: string | null;
  requestedVia: string;
  decisions: { name: string; email: string; decision: string; reason: string | null; at: Date; via: string }[];
  viewer?: { canDecide: boolean; reason: string | null };
}

export type Decide = (d: { decision: "approve" | "reject"; reason?: string; paramsHash: string }) => Promise<unknown>;

/** Reason + Approve/Reject. Buttons are disabled while a decision is on its way (no double submit). */
export function DecisionForm({ approval, submit, onDecided }: { approval: Pick<InboxApproval, "paramsHash" | "viewer">; submit: Decide; onDecided: () => void }) {
  const [reason, setReason] = useState("");
  const mutation = useMutation({ mutationFn: (decision: "approve" | "reject") => submit({ decision, reason: reason.trim() || undefined, paramsHash: approval.paramsHash }), onSuccess: onDecided });
  if (approval.viewer && !approval.viewer.canDecide)
    return <p className="text-sm text-slate-500" data-testid="cannot-decide">{approval.viewer.reason}</p>;
  const busy = mutation.isPending || mutation.isSuccess;
  return (
    <div className="space-y-2">
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600 dark:text-slate-400">Reason (required to reject; recorded in the audit log)</span>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} className="w-full rounded-md border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-700" />
      </label>
      <div className="flex gap-2">
        <button type="button" disabled={busy} onClick={() => mutation.mutate("approve")} className="rounded-md bg-emerald-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-emerald-500 disabled:opacity-50">
          Approve
        </button>
        <button type="button" disabled={busy} onClick={() => mutation.mutate("reject")} className="rounded-md border border-red-500/60 px-4 py-1.5 text-sm font-medium text-red-600 hover:bg-red-500/10 disabled:opacity-50 dark:text-red-400">
          Reject
        </button>
      </div>
      {mutation.error && <p role="alert" className="text-sm text-red-500">{mutation.error.message}</p>}
    </div>
  );
}

/** `submit` decides another way (through a signed link); by default the inbox's approvals.decide. */
export function ApprovalCard({ approval, onDecided, submit }: { approval: InboxApproval; onDecided: () => void; submit?: Decide }) {
  const trpc = useTRPC();
  const decide = useMutation(trpc.approvals.decide.mutationOptions());
  const a = approval;
  return (
    <li data-testid="approval-card" data-approval-id={a.id} data-status={a.status} className={`rounded-lg border bg-white p-4 dark:bg-slate-900 ${a.status === "pending" ? "border-amber-500/50" : "border-slate-200 dark:border-slate-800"}`}>
      <div className="flex flex-wrap items-center gap-2">
        <ApprovalStatusBadge status={a.status} />
        <h2 className="font-semibold" data-testid="approval-title">{a.title}</h2>
        <span className="ml-auto text-xs text-slate-500">
          {a.status === "pending" ? <>expires <Time value={a.expiresAt} /> (then {a.onTimeout === "approve" ? "approved" : "rejected"})</> : <>asked <Time value={a.createdAt} /></>}
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-500">
        <Link href={`/runs/${a.runId}`} className="hover:underline">{a.playbookTitle}</Link>
        {a.caseNumber ? <> on <Link href={`/cases/${a.caseNumber}`} className="hover:underline">case #{a.caseNumber} {a.caseTitle}</Link></> : null}
        {" · "}
        <span data-testid="approval-requester">{a.requestedByName ? `requested by ${a.requestedByName} (${a.requestedByEmail})` : `requested by a ${a.requestedVia}`}</span>
      </p>
      <div className="mt-3 rounded-md bg-slate-50 p-3 dark:bg-slate-950/60">
        <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Approving this allows exactly</p>
        <ParamsTable params={a.params} testId="approval-params" />
      </div>
      <p className="mt-2 text-xs text-slate-500" data-testid="approval-quorum">
        needs {a.quorum} {a.requiredRole}
        {a.quorum === 1 ? "" : "s"} · {a.approvalsSoFar} of {a.quorum} approved so far
      </p>
      {a.decisions.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-xs text-slate-500" data-testid="approval-decisions">
          {a.decisions.map((d) => (
            <li key={d.email}>
              {d.name} chose <span className="font-medium">{d.decision}</span> <Time value={d.at} />
              {d.reason ? `: “${d.reason}”` : ""}
            </li>
          ))}
        </ul>
      )}
      {a.status === "pending" && <div className="mt-3"><DecisionForm approval={a} onDecided={onDecided} submit={submit ?? ((d) => decide.mutateAsync({ approvalId: a.id, ...d }))} /></div>}
    </li>
  );
}
