"use client";
// Containment actions (active by default, or the history), with one-click rollback. Used by the
// containment page and, filtered to one case, by the case page.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { StatusBadge } from "@/components/badges";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";
import { Table, TableShell, TBody, Th, THead } from "@/components/table";

/** "playbook:<runId>" -> "playbook run c3cb87f9"; "user:<id>" -> "user 1a2b3c4d". */
const actorLabel = (actor: string) => actor.replace(/^(playbook|user):([0-9a-f]{8})[0-9a-f-]*$/, (_m, kind: string, id: string) => `${kind === "playbook" ? "playbook run" : "user"} ${id}`);

export function ContainmentList({ caseId, compact = false }: { caseId?: string; compact?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [view, setView] = useState<"active" | "all">(caseId ? "all" : "active");
  const list = useQuery({ ...trpc.containment.list.queryOptions({ view, caseId }), refetchInterval: 3_000 });
  const rollback = useMutation(trpc.containment.rollback.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.containment.list.queryKey() }) }));
  const tab = (v: "active" | "all", label: string) => (
    <button type="button" aria-pressed={view === v} onClick={() => setView(v)} className={`rounded px-2 py-1 text-xs ${view === v ? "bg-slate-200 font-medium dark:bg-slate-800" : "text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"}`}>
      {label}
    </button>
  );
  return (
    <div className="space-y-2" data-testid="containment-list">
      <div className="flex gap-1">
        {tab("active", "Active")}
        {tab("all", "History")}
      </div>
      {list.error && <p role="alert" className="text-sm text-red-500">Could not load containment: {list.error.message}</p>}
      {rollback.error && <p role="alert" className="rounded-md bg-red-500/10 px-3 py-2 text-sm text-red-600 dark:text-red-400">{rollback.error.message}</p>}
      {list.data?.length === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700">
          {view === "active" ? "Nothing is contained right now. Playbooks record every block and disable here, with its expiry." : "No containment actions yet."}
        </p>
      )}
      {!!list.data?.length && (
        <TableShell>
          <Table>
            <THead>
              <tr>
                <Th>Action</Th>
                <Th>Target</Th>
                <Th>Connection</Th>
                {!compact && <Th>Case</Th>}
                <Th>Status</Th>
                <Th>Since</Th>
                <Th>Until</Th>
                <Th><span className="sr-only">Rollback</span></Th>
              </tr>
            </THead>
            <TBody>
              {list.data.map((a) => (
                <tr key={a.id} data-testid="containment-row" data-target={a.target} className="align-top">
                  <td className="px-3 py-2 font-medium">{a.action}</td>
                  <td className="px-3 py-2 font-mono text-xs">{a.target}</td>
                  <td className="px-3 py-2 text-slate-600 dark:text-slate-300">{a.connectionName}</td>
                  {!compact && <td className="px-3 py-2">{a.caseNumber ? <Link href={`/cases/${a.caseNumber}`} className="hover:underline">#{a.caseNumber}</Link> : <span className="text-slate-400">—</span>}</td>}
                  <td className="px-3 py-2">
                    <StatusBadge status={a.status} />
                    {a.error && <span className="mt-1 block max-w-xs text-xs text-red-500">{a.error}</span>}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-500"><Time value={a.createdAt} /><span className="block">{actorLabel(a.createdBy)}</span></td>
                  <td className="px-3 py-2 text-xs text-slate-500">{a.status === "active" ? (a.expiresAt ? <Time value={a.expiresAt} /> : "never") : a.rolledBackAt ? <Time value={a.rolledBackAt} /> : "—"}</td>
                  <td className="px-3 py-2 text-right">
                    {a.status === "active" && a.inverseAction && (
                      <button
                        type="button"
                        disabled={rollback.isPending && rollback.variables?.id === a.id}
                        onClick={() => rollback.mutate({ id: a.id })}
                        title={`Runs ${a.inverseAction} now`}
                        className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
                      >
                        {rollback.isPending && rollback.variables?.id === a.id ? "Rolling back…" : "Roll back"}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </TBody>
          </Table>
        </TableShell>
      )}
    </div>
  );
}
