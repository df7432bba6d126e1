"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { SeverityBadge, StatusBadge } from "@/components/badges";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";

export function CaseList() {
  const trpc = useTRPC();
  const counts = useQuery({ ...trpc.cases.counts.queryOptions(), refetchInterval: 5_000 });
  const list = useInfiniteQuery({
    ...trpc.cases.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (last) => last.nextCursor }),
    refetchInterval: 5_000,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <div className="mb-4 flex items-baseline gap-4">
        <h1 className="text-lg font-semibold">Cases</h1>
        {counts.data && (
          <p className="text-sm text-slate-500">
            {counts.data.new} new · {counts.data.triage} in triage · {counts.data.contained} contained
          </p>
        )}
      </div>
      {list.error && <p role="alert" className="text-sm text-red-500">Could not load cases: {list.error.message}</p>}
      {list.isSuccess && rows.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500 dark:border-slate-700">
          No cases yet. Create an alert source (<code>npm run vigil -- source add --slug my-siem</code>) and POST an alert to <code>/api/webhooks/my-siem</code>.
        </div>
      )}
      {rows.length > 0 && (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50">
              <tr>
                <th className="px-3 py-2 font-medium">#</th>
                <th className="px-3 py-2 font-medium">Title</th>
                <th className="px-3 py-2 font-medium">Severity</th>
                <th className="px-3 py-2 font-medium">Status</th>
                <th className="px-3 py-2 font-medium">Alerts</th>
                <th className="px-3 py-2 font-medium">Assignee</th>
                <th className="px-3 py-2 font-medium">Opened</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((c) => (
                <tr key={c.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                  <td className="px-3 py-2 font-mono text-slate-500">{c.number}</td>
                  <td className="px-3 py-2">
                    <Link href={`/cases/${c.number}`} className="font-medium hover:underline">
                      {c.title}
                    </Link>
                  </td>
                  <td className="px-3 py-2"><SeverityBadge severity={c.severity} /></td>
                  <td className="px-3 py-2"><StatusBadge status={c.status} /></td>
                  <td className="px-3 py-2 tabular-nums">{c.alertCount}</td>
                  <td className="px-3 py-2 text-slate-500">{c.assignee?.name ?? "unassigned"}</td>
                  <td className="px-3 py-2 text-slate-500"><Time value={c.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasNextPage && (
            <button type="button" onClick={() => list.fetchNextPage()} className="w-full border-t border-slate-100 py-2 text-sm text-slate-500 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40">
              {list.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
