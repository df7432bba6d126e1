"use client";
// The approvals a run asked for; a pending one shows exactly what the approvers are asked to
// approve and where to decide it.
import Link from "next/link";
import { ApprovalStatusBadge } from "@/components/approval-status";
import { ParamsTable } from "@/components/json-view";
import { Time } from "@/components/time";

export interface RunApproval {
  id: string;
  title: string;
  status: string;
  params: unknown;
  requiredRole: string;
  quorum: number;
  approvalsSoFar: number;
  expiresAt: Date | null;
  onTimeout: string;
  decisions: { name: string; decision: string; reason: string | null; at: Date; via: string }[];
}

export function RunApprovals({ approvals }: { approvals: RunApproval[] }) {
  return (
    <ul className="space-y-3">
      {approvals.map((a) => (
        <li key={a.id} data-testid="run-approval" className={`rounded-md border p-3 ${a.status === "pending" ? "border-amber-500/50 bg-amber-500/5" : "border-slate-200 dark:border-slate-800"}`}>
          <div className="flex flex-wrap items-center gap-2">
            <ApprovalStatusBadge status={a.status} />
            <span className="font-medium">{a.title}</span>
            <span className="text-xs text-slate-500">
              {a.requiredRole} · {a.approvalsSoFar} of {a.quorum} approval{a.quorum === 1 ? "" : "s"}
            </span>
            {a.status === "pending" && (
              <span className="ml-auto text-xs text-slate-500">
                expires <Time value={a.expiresAt} /> (then {a.onTimeout === "approve" ? "approved" : "rejected"})
              </span>
            )}
          </div>
          <div className="mt-2"><ParamsTable params={a.params} /></div>
          {a.decisions.length > 0 && (
            <ul className="mt-2 space-y-1 text-xs text-slate-500">
              {a.decisions.map((d) => (
                <li key={`${d.name}-${String(d.at)}`}>
                  {d.name} chose <span className="font-medium">{d.decision}</span> via {d.via} <Time value={d.at} />
                  {d.reason ? `: ${d.reason}` : ""}
                </li>
              ))}
            </ul>
          )}
          {a.status === "pending" && (
            <Link href="/approvals" className="mt-2 inline-block text-sm text-sky-600 hover:underline dark:text-sky-400">
              Decide in the approvals inbox →
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
