"use client";
// Every alert, newest first: source, severity, observables, duplicates and the case it is in.
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { SeverityBadge, StatusBadge } from "@/components/badges";
import { useListNavigation } from "@/components/keyboard/list-navigation";
import { LoadMore, Table, TableShell, TBody, Th, THead, Tr } from "@/components/table";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";

const SEVERITIES = ["critical", "high", "medium", "low"] as const;
const SHOWN_OBSERVABLES = 5;

function Observables({ list }: { list: { type: string; value: string }[] }) {
  if (list.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {list.slice(0, SHOWN_OBSERVABLES).map((o) => (
        <span key={`${o.type}:${o.value}`} data-testid="alert-observable" className="inline-flex max-w-64 items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
          <span className="uppercase text-slate-500">{o.type}</span>
          <span className="truncate font-mono">{o.value}</span>
        </span>
      ))}
      {list.length > SHOWN_OBSERVABLES && <span className="text-xs text-slate-500">+{list.length - SHOWN_OBSERVABLES}</span>}
    </span>
  );
}

export function AlertList() {
  const trpc = useTRPC();
  const [severity, setSeverity] = useState<(typeof SEVERITIES)[number][]>([]);
  const list = useInfiniteQuery({
    ...trpc.alerts.list.infiniteQueryOptions({ limit: 50, severity: severity.length ? severity : undefined }, { getNextPageParam: (last) => last.nextCursor }),
    refetchInterval: 5_000,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const router = useRouter();
  // o/Enter opens the case the active alert is in.
  const open = useCallback((i: number) => rows[i]?.case && router.push(`/cases/${rows[i].case.number}`), [rows, router]);
  const nav = useListNavigation({ count: rows.length, onOpen: open, group: "Alerts" });
  const toggle = (s: (typeof SEVERITIES)[number]) => setSeverity((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Alerts</h1>
        <div role="group" aria-label="Filter by severity" className="flex gap-1">
          {SEVERITIES.map((s) => (
            <button key={s} type="button" aria-pressed={severity.includes(s)} onClick={() => toggle(s)} className={`rounded border px-2 py-0.5 text-xs ${severity.includes(s) ? "border-sky-500 bg-sky-500/10" : "border-slate-300 dark:border-slate-700"}`}>
              {s}
            </button>
          ))}
        </div>
      </div>
      {list.error && <p role="alert" className="text-sm text-red-500">Could not load alerts: {list.error.message}</p>}
      {list.isSuccess && rows.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500 dark:border-slate-700">
          {severity.length ? "No alerts of this severity." : <>No alerts yet. An admin adds an alert source under <Link href="/settings/sources" className="underline">Settings → Alert sources</Link>; then POST alerts to its webhook.</>}
        </div>
      )}
      {rows.length > 0 && (
        <TableShell footer={<LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()} />}>
          <Table data-testid="alert-table">
            <THead>
              <tr>
                <Th>Received</Th>
                <Th>Alert</Th>
                <Th>Source</Th>
                <Th>Severity</Th>
                <Th>Observables</Th>
                <Th>Case</Th>
                <Th title="Times the same alert arrived again">Dupes</Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((a, i) => (
                <Tr key={a.id} data-testid="alert-row" className="align-top" active={nav.active === i} onClick={() => nav.setActive(i)}>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-500">
                    <Time value={a.receivedAt} />
                    <span className="block text-xs">occurred <Time value={a.occurredAt} /></span>
                  </td>
                  <td className="px-3 py-2">
                    <span className="font-medium">{a.title}</span>
                    {a.category && <span className="block text-xs text-slate-500">{a.category}</span>}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <span className="font-mono">{a.source.slug}</span>
                    <span className="block text-xs text-slate-500">{a.source.kind}</span>
                  </td>
                  <td className="px-3 py-2"><SeverityBadge severity={a.severity} /></td>
                  <td className="px-3 py-2"><Observables list={a.observables} /></td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {a.case ? (
                      <Link href={`/cases/${a.case.number}`} className="inline-flex items-center gap-1 hover:underline" title={a.case.title}>
                        <span className="font-mono">#{a.case.number}</span> <StatusBadge status={a.case.status} />
                      </Link>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                  <td className="px-3 py-2 tabular-nums" data-testid="alert-duplicates" title={a.duplicateCount > 0 ? `received ${a.duplicateCount + 1} times` : undefined}>{a.duplicateCount > 0 ? `×${a.duplicateCount + 1}` : ""}</td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </TableShell>
      )}
    </section>
  );
}
