"use client";
// Refused bodies with their reason and a Replay button (after fixing the source's mapping), and
// the counters of requests that are only counted (bad credentials, replays, rate limit).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";
import { Card, ErrorText, secondaryButtonClass } from "../ui";

function ReplayOutcome({ result }: { result: unknown }) {
  const r = result as { ok?: boolean; error?: string; alertIds?: string[] } | null;
  if (!r) return null;
  return r.ok ? (
    <span className="text-xs text-emerald-600 dark:text-emerald-400">replayed: {r.alertIds?.length ?? 0} alert(s)</span>
  ) : (
    <span className="text-xs text-red-600 dark:text-red-400">replay failed: {r.error}</span>
  );
}

export function FailureList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pendingOnly, setPendingOnly] = useState(true);
  const list = useInfiniteQuery({
    ...trpc.ingestFailures.list.infiniteQueryOptions({ limit: 50, pendingOnly }, { getNextPageParam: (last) => last.nextCursor }),
    refetchInterval: 10_000,
  });
  const counters = useQuery(trpc.ingestFailures.counters.queryOptions());
  const replay = useMutation(
    trpc.ingestFailures.replay.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.ingestFailures.list.pathKey() }) }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-4">
        <h1 className="text-lg font-semibold">Ingest failures</h1>
        <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
          <input type="checkbox" checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)} /> Only those not replayed yet
        </label>
      </div>
      <p className="text-sm text-slate-500">
        Bodies from authenticated senders that Vigil could not accept. Fix the cause (often the field mapping under <Link className="underline" href="/settings/sources">Alert sources</Link>), then replay.
      </p>
      <ErrorText error={list.error ?? replay.error} />
      {list.isSuccess && rows.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500 dark:border-slate-700">Nothing to fix: every authenticated request was accepted.</div>
      )}
      <ul className="space-y-2" data-testid="failure-list">
        {rows.map((f) => (
          <li key={f.id} data-testid="failure" className="rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
            <div className="flex flex-wrap items-center gap-3">
              <span className="rounded bg-red-500/15 px-1.5 py-0.5 font-mono text-xs text-red-700 dark:text-red-300">{f.statusCode}</span>
              <span className="font-mono">{f.sourceSlug}</span>
              <span className="min-w-0 flex-1 break-words">{f.reason}</span>
              <span className="text-xs text-slate-500"><Time value={f.receivedAt} /> · {f.size} bytes</span>
              <ReplayOutcome result={f.replayResult} />
              <button type="button" className={secondaryButtonClass} disabled={replay.isPending || f.size === 0 || (f.replayResult as { ok?: boolean } | null)?.ok === true} onClick={() => replay.mutate({ id: f.id })}>
                Replay
              </button>
            </div>
            <details className="mt-2">
              <summary className="cursor-pointer text-xs text-slate-500">Body{f.size > f.preview.length ? " (first 2 KiB)" : ""}</summary>
              <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs dark:bg-slate-950">{f.preview || "(empty: refused before the body was read)"}</pre>
            </details>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" onClick={() => list.fetchNextPage()} className={secondaryButtonClass}>
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
      <Card title="Counted only (nothing stored)" testId="intake-counters">
        {counters.data?.length ? (
          <table className="w-full text-sm">
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {counters.data.map((c) => (
                <tr key={`${c.sourceSlug}:${c.reason}`}>
                  <td className="py-1 font-mono">{c.sourceSlug === "*" ? "(unknown source)" : c.sourceSlug}</td>
                  <td className="py-1">{c.reason.replace(/_/g, " ")}</td>
                  <td className="py-1 text-right tabular-nums">{c.count}</td>
                  <td className="py-1 text-right text-xs text-slate-500">last <Time value={c.lastAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">No refused credentials, replays or rate-limited requests.</p>
        )}
      </Card>
    </div>
  );
}
