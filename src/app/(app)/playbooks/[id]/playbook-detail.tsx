"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { StatusBadge } from "@/components/badges";
import { Elapsed } from "@/components/duration";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";
import { EnabledToggle } from "../enabled-toggle";
import { triggerText } from "../trigger-summary";

export function PlaybookDetail({ id, isAdmin }: { id: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.playbooks.byId.queryOptions({ id }), refetchInterval: 5_000 });
  if (query.error) return <p role="alert" className="text-red-500">Could not load playbook {id}: {query.error.message}</p>;
  if (!query.data) return <p className="text-slate-500">Loading playbook…</p>;
  const p = query.data;
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold" data-testid="playbook-title">{p.title}</h1>
          <span className="font-mono text-xs text-slate-500">{p.id} · version {p.versionHash}</span>
          <span className="ml-auto"><EnabledToggle id={p.id} enabled={p.enabled} isAdmin={isAdmin} /></span>
        </div>
        {p.description && <p className="text-sm text-slate-600 dark:text-slate-300">{p.description}</p>}
        <p className="text-sm text-slate-500">Trigger: {triggerText(p.trigger)} · updated <Time value={p.updatedAt} /></p>
      </header>
      <div className="grid gap-4 lg:grid-cols-3">
        <section className="rounded-lg border border-slate-200 bg-white lg:col-span-2 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold dark:border-slate-800">Source</h2>
          <pre data-testid="playbook-source" className="max-h-[36rem] overflow-auto p-4 text-xs leading-relaxed">{p.source}</pre>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold dark:border-slate-800">Recent runs</h2>
          {p.recentRuns.length === 0 ? (
            <p className="p-4 text-sm text-slate-500">No runs yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="playbook-runs">
              {p.recentRuns.map((r) => (
                <li key={r.id} className="flex items-center gap-2 px-4 py-2">
                  <StatusBadge status={r.status} />
                  <Link href={`/runs/${r.id}`} className="hover:underline"><Time value={r.createdAt} /></Link>
                  {r.versionHash && r.versionHash !== p.versionHash && <span className="font-mono text-xs text-amber-600" title="started on an older version">v{r.versionHash.slice(0, 6)}</span>}
                  <span className="ml-auto text-xs text-slate-500"><Elapsed start={r.createdAt} end={r.finishedAt} /></span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
