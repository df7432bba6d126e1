// Approvals requested by this case's runs: what is asked (the exact bound parameters), who asked,
// status and decisions. Deciding happens in the approvals inbox (managers) or by signed link.
import Link from "next/link";
import { StatusBadge } from "@/components/badges";
import { JsonViewer } from "@/components/json-viewer";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import type { CaseData } from "@/trpc/types";

export function ApprovalsPanel({ approvals, names }: { approvals: CaseData["approvals"]; names: Record<string, string> }) {
  if (approvals.length === 0) return null;
  return (
    <Panel title="Approvals" testId="case-approvals" actions={<Link href="/approvals" className="text-xs text-sky-600 hover:underline dark:text-sky-400">Approvals inbox →</Link>}>
      <ul className="space-y-3">
        {approvals.map((a) => (
          <li key={a.id} data-testid="case-approval" className="text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={a.status} />
              <span className="font-medium">{a.title}</span>
              <span className="text-xs text-slate-500">needs {a.quorum > 1 ? `${a.quorum} ${a.requiredRole}s` : `a ${a.requiredRole}`}</span>
            </div>
            <p className="mt-0.5 text-xs text-slate-500">
              requested <Time value={a.createdAt} />
              {a.requestedBy ? ` by ${names[a.requestedBy] ?? "a user"}` : " by the playbook"}
              {a.status === "pending" && a.expiresAt && <> · expires <Time value={a.expiresAt} /> ({a.onTimeout === "approve" ? "then approved" : "then rejected"})</>}
            </p>
            {a.decisions.map((d) => (
              <p key={d.userId} className="text-xs text-slate-600 dark:text-slate-300">
                {names[d.userId] ?? "a user"} {d.decision === "approve" ? "approved" : "rejected"} <Time value={d.at} />{d.reason ? `: ${d.reason}` : ""}
              </p>
            ))}
            <JsonViewer value={a.params} summary="Parameters" />
          </li>
        ))}
      </ul>
    </Panel>
  );
}
