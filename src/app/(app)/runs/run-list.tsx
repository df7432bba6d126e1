"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { StatusBadge } from "@/components/badges";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";

export function RunList() {
  const trpc = useTRPC();
  const runs = useQuery({ ...trpc.runs.list.queryOptions({ limit: 100 }), refetchInterval: 3_000 });
  return (
    <section>
      <h1 className="mb-4 text-lg font-semibold">Playbook runs</h1>
      {runs.error && <p role="alert" className="text-sm text-red-500">{runs.error.message}</p>}
      {runs.data?.length === 0 && <p className="text-sm text-slate-500">No runs yet. Runs start when an alert matches a playbook trigger.</p>}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {runs.data?.map((r) => (
          <li key={r.id} className="flex items-center gap-3 px-3 py-2">
            <StatusBadge status={r.status} />
            <span className="font-medium">{r.playbookTitle}</span>
            {r.caseId && (
              <Link href={`/cases/${r.caseId}`} className="text-slate-500 hover:underline">
                case
              </Link>
            )}
            {r.error && <span className="truncate text-xs text-red-500">{r.error}</span>}
            <span className="ml-auto text-xs text-slate-500"><Time value={r.createdAt} /></span>
          </li>
        ))}
      </ul>
    </section>
  );
}
