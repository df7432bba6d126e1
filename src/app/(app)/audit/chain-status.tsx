"use client";
// The audit chain's verification status: every row's hash is recomputed from the previous one.
// A break names the first row that does not match (edited or removed rows, or a reordering).
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/button";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";

export function ChainStatus({ onShowRow }: { onShowRow: (id: number) => void }) {
  const trpc = useTRPC();
  const verify = useQuery({ ...trpc.audit.verify.queryOptions(), staleTime: Infinity });
  const base = "mb-4 flex flex-wrap items-center gap-3 rounded-lg border px-4 py-3 text-sm";
  if (verify.isPending)
    return (
      <div data-testid="chain-status" data-state="checking" className={`${base} border-slate-200 dark:border-slate-800`}>
        <span className="h-3 w-3 animate-spin rounded-full border-2 border-slate-400 border-t-transparent" aria-hidden /> Verifying the audit chain…
      </div>
    );
  if (verify.error)
    return (
      <div role="alert" data-testid="chain-status" data-state="error" className={`${base} border-red-300 text-red-700 dark:border-red-900 dark:text-red-300`}>
        Could not verify the audit chain: {verify.error.message}
        <Button size="sm" className="ml-auto" onClick={() => verify.refetch()}>Try again</Button>
      </div>
    );
  const r = verify.data;
  return r.ok ? (
    <div data-testid="chain-status" data-state="ok" className={`${base} border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-300`}>
      <span aria-hidden>✓</span>
      <span>
        <strong>Chain intact:</strong> all {r.rows.toLocaleString()} rows verified, each hash matches its content and the previous row. Checked <Time value={r.checkedAt} />.
      </span>
      <span className="font-mono text-xs opacity-70" title="Hash of the newest row; compare with a copy kept elsewhere">head {r.lastHash.slice(0, 16)}…</span>
      <Button size="sm" className="ml-auto" loading={verify.isFetching} onClick={() => verify.refetch()}>Verify again</Button>
    </div>
  ) : (
    <div role="alert" data-testid="chain-status" data-state="broken" className={`${base} border-red-400 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-300`}>
      <span aria-hidden>✗</span>
      <span>
        <strong>Chain broken at row {r.brokenAt}:</strong> {r.reason}. Rows before it verified ({(r.rows - 1).toLocaleString()}). The log was changed outside Vigil; treat entries from this row on as untrusted.
      </span>
      <Button size="sm" variant="danger" className="ml-auto" onClick={() => onShowRow(r.brokenAt)}>Show row {r.brokenAt}</Button>
    </div>
  );
}
