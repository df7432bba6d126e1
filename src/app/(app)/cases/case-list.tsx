"use client";
// Cases list: counts of open work, filters in the URL, keyset-paginated table, bulk actions,
// keyboard (j/k, o, x, m = assign to me, a = acknowledge). Live: new alerts and changes arrive
// through the app's event stream (components/live-updates.tsx), not by polling.
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { SeverityBadge, StatusBadge } from "@/components/badges";
import { EmptyState, ErrorState } from "@/components/empty-state";
import { useListNavigation } from "@/components/keyboard/list-navigation";
import { useShortcuts, type Shortcut } from "@/components/keyboard/shortcuts";
import { SlaCell, useNow } from "@/components/sla-clock";
import { LoadMore, Table, TableShell, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Time } from "@/components/time";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";
import { BulkBar } from "./bulk-bar";
import { ClearFilters, FilterBar, SortSelect } from "./filter-bar";
import { LoadDemoButton } from "./load-demo-button";
import { DEFAULT_FILTERS, filtersFromParams, listInputFromFilters, paramsFromFilters, type CaseFilterState } from "./filters";

function Counts({ onPick }: { onPick: (status: string) => void }) {
  const trpc = useTRPC();
  const counts = useQuery(trpc.cases.counts.queryOptions());
  if (!counts.data) return null;
  const items = [
    ["new", "new", "text-sky-600 dark:text-sky-400"],
    ["triage", "in triage", "text-violet-600 dark:text-violet-400"],
    ["contained", "contained", "text-amber-600 dark:text-amber-400"],
  ] as const;
  return (
    <div className="flex gap-2" aria-label="Open cases by status">
      {items.map(([k, label, tone]) => (
        <button key={k} type="button" data-testid={`count-${k}`} onClick={() => onPick(k)} className="rounded-md border border-slate-200 bg-white px-3 py-1 text-left hover:border-slate-300 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-700">
          <span className={`mr-1.5 text-lg font-semibold tabular-nums ${tone}`}>{counts.data[k]}</span>
          <span className="text-xs text-slate-500">{label}</span>
        </button>
      ))}
    </div>
  );
}

export function CaseList({ me }: { me: { id: string; isAdmin?: boolean } }) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(params?.toString())), [params]);
  const setFilters = useCallback((next: CaseFilterState) => router.replace(`${pathname}?${paramsFromFilters(next)}`, { scroll: false }), [router, pathname]);
  const options = useQuery(trpc.cases.filterOptions.queryOptions());
  const list = useInfiniteQuery(trpc.cases.list.infiniteQueryOptions(listInputFromFilters(filters), { getNextPageParam: (last) => last.nextCursor }));
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const now = useNow(30_000);

  const toggle = useCallback((id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; }), []);
  const open = useCallback((i: number) => rows[i] && router.push(`/cases/${rows[i].number}`), [rows, router]);
  const toggleAt = useCallback((i: number) => rows[i] && toggle(rows[i].id), [rows, toggle]);
  const nav = useListNavigation({ count: rows.length, onOpen: open, onToggleSelect: toggleAt, group: "Cases" });

  const onError = (what: string) => (e: { message: string }) => toast.error(`Could not ${what}: ${e.message}`);
  const assign = useMutation(trpc.cases.bulkAssign.mutationOptions({ onSuccess: (r) => toast.success(`${r.updated} case${r.updated === 1 ? "" : "s"} assigned to you`), onError: onError("assign") }));
  const ack = useMutation(trpc.cases.acknowledge.mutationOptions({ onSuccess: () => toast.success("Case acknowledged"), onError: onError("acknowledge") }));
  const shortcuts = useMemo<Shortcut[]>(() => {
    const targets = () => (selected.size ? [...selected] : rows[nav.activeRef.current] ? [rows[nav.activeRef.current]!.id] : []);
    return [
      { keys: "m", description: "Assign selected (or active) cases to me", group: "Cases", run: () => targets().length && assign.mutate({ caseIds: targets(), assigneeId: me.id }) },
      { keys: "a", description: "Acknowledge the active case", group: "Cases", run: () => rows[nav.activeRef.current] && ack.mutate({ caseId: rows[nav.activeRef.current]!.id }) },
    ];
  }, [selected, rows, nav.activeRef, assign, ack, me.id]);
  useShortcuts(shortcuts);

  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <section>
      <div className="mb-3 flex flex-wrap items-center gap-4">
        <h1 className="text-lg font-semibold">Cases</h1>
        <Counts onPick={(status) => setFilters({ ...DEFAULT_FILTERS, status })} />
        <div className="ml-auto flex items-center gap-3">
        <p className="hidden text-xs text-slate-500 xl:block">
          <kbd className="rounded border px-1 font-mono">j</kbd>/<kbd className="rounded border px-1 font-mono">k</kbd> move · <kbd className="rounded border px-1 font-mono">x</kbd> select · <kbd className="rounded border px-1 font-mono">?</kbd> all shortcuts
        </p>
        <ClearFilters filters={filters} onChange={setFilters} />
        <SortSelect filters={filters} onChange={setFilters} />
        </div>
      </div>
      <FilterBar filters={filters} options={options.data} onChange={setFilters} />
      {selected.size > 0 && <BulkBar selected={[...selected]} users={options.data?.users ?? []} onDone={() => setSelected(new Set())} />}
      {list.error && <ErrorState what="load cases" error={list.error} />}
      {list.isPending && <p className="py-10 text-center text-sm text-slate-500">Loading cases…</p>}
      {list.isSuccess && rows.length === 0 && (
        <EmptyState
          title={JSON.stringify(filters) === JSON.stringify(DEFAULT_FILTERS) ? "No open cases" : "No case matches these filters"}
          testId="cases-empty"
          action={me.isAdmin && JSON.stringify(filters) === JSON.stringify(DEFAULT_FILTERS) ? <LoadDemoButton /> : undefined}
        >
          {JSON.stringify(filters) === JSON.stringify(DEFAULT_FILTERS) ? (
            <>Cases open when alerts arrive. Add an alert source under Admin → Alert sources (or <code>npm run vigil -- source add --slug my-siem</code>) and POST an alert to <code>/api/webhooks/my-siem</code>.</>
          ) : (
            <>Widen the filters, or clear them to see all open cases.</>
          )}
        </EmptyState>
      )}
      {rows.length > 0 && (
        <TableShell footer={<LoadMore hasMore={Boolean(list.hasNextPage)} loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()} />}>
          <Table data-testid="case-table">
            <THead>
              <tr>
                <Th className="w-8">
                  <input type="checkbox" aria-label="Select all cases on this page" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))} />
                </Th>
                <Th className="w-16">#</Th>
                <Th>Title</Th>
                <Th>Severity</Th>
                <Th>Status</Th>
                <Th>SLA</Th>
                <Th>Source</Th>
                <Th className="text-right">Alerts</Th>
                <Th>Assignee</Th>
                <Th>Opened</Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((c, i) => (
                <Tr key={c.id} data-testid="case-row" active={nav.active === i} selected={selected.has(c.id)} onClick={() => nav.setActive(i)}>
                  <Td>
                    <input type="checkbox" aria-label={`Select case ${c.number}`} checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                  </Td>
                  <Td className="font-mono text-slate-500">{c.number}</Td>
                  <Td>
                    <Link href={`/cases/${c.number}`} className="font-medium hover:underline">
                      {c.title}
                    </Link>
                  </Td>
                  <Td><SeverityBadge severity={c.severity} /></Td>
                  <Td><StatusBadge status={c.status} /></Td>
                  <Td><SlaCell c={c} now={now} /></Td>
                  <Td className="text-slate-500">{c.source ?? "—"}</Td>
                  <Td className="text-right tabular-nums">{c.alertCount}</Td>
                  <Td className={c.assignee ? "" : "text-slate-400"}>{c.assignee?.name ?? "unassigned"}</Td>
                  <Td className="whitespace-nowrap text-slate-500"><Time value={c.createdAt} /></Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </TableShell>
      )}
    </section>
  );
}
