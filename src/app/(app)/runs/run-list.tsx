"use client";
// Runs list: latest first, filterable by status; each row opens the run's journal.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { StatusBadge } from "@/components/badges";
import { Elapsed } from "@/components/duration";
import { useListNavigation } from "@/components/keyboard/list-navigation";
import { Table, TableShell, TBody, Th, THead, Tr } from "@/components/table";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";

const FILTERS = ["all", "running", "waiting", "failed", "succeeded", "cancelled"] as const;
type Filter = (typeof FILTERS)[number];

export function RunList() {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>("all");
  const runs = useQuery({ ...trpc.runs.list.queryOptions({ limit: 200, ...(filter === "all" ? {} : { status: filter }) }), refetchInterval: 2_000 });
  const router = useRouter();
  const rows = runs.data ?? [];
  const open = useCallback((i: number) => rows[i] && router.push(`/runs/${rows[i].id}`), [rows, router]);
  const nav = useListNavigation({ count: rows.length, onOpen: open, group: "Runs" });
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Playbook runs</h1>
        <div role="group" aria-label="Filter by status" className="flex gap-1 text-xs">
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
              className={`rounded px-2 py-1 ${filter === f ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"}`}
            >
              {f}
            </button>
          ))}
        </div>
      </div>
      {runs.error && <p role="alert" className="text-sm text-red-500">Could not load runs: {runs.error.message}</p>}
      {runs.data?.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500 dark:border-slate-700">
          {filter === "all" ? "No runs yet. Runs start when an alert matches a playbook's trigger, or when an analyst starts a playbook on a case." : `No ${filter} runs.`}
        </div>
      )}
      {runs.data && runs.data.length > 0 && (
        <TableShell>
          <Table data-testid="runs-table">
            <THead>
              <tr>
                <Th>Status</Th>
                <Th>Playbook</Th>
                <Th>Case</Th>
                <Th>Started by</Th>
                <Th>Created</Th>
                <Th>Duration</Th>
              </tr>
            </THead>
            <TBody>
              {runs.data.map((r, i) => (
                <Tr key={r.id} data-testid="run-row" active={nav.active === i} onClick={() => nav.setActive(i)}>
                  <td className="px-3 py-2"><StatusBadge status={r.status} /></td>
                  <td className="px-3 py-2">
                    <Link href={`/runs/${r.id}`} className="font-medium hover:underline">{r.playbookTitle}</Link>
                    {r.error && <span className="block max-w-xl truncate text-xs text-red-500" title={r.error}>{r.error}</span>}
                  </td>
                  <td className="px-3 py-2">
                    {r.caseNumber ? <Link href={`/cases/${r.caseNumber}`} className="text-slate-500 hover:underline">#{r.caseNumber}</Link> : <span className="text-slate-400">—</span>}
                  </td>
                  <td className="px-3 py-2 text-slate-500">{r.requestedByName ?? "trigger"}</td>
                  <td className="px-3 py-2 text-slate-500"><Time value={r.createdAt} /></td>
                  <td className="px-3 py-2 text-slate-500"><Elapsed start={r.startedAt} end={r.finishedAt} /></td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </TableShell>
      )}
    </section>
  );
}
