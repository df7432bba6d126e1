"use client";
// Audit log table with filters (action, actor, subject, dates), newest first, keyset-paginated.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment, useMemo, useState } from "react";
import { Button } from "@/components/button";
import { EmptyState, ErrorState } from "@/components/empty-state";
import { Input, Select } from "@/components/form";
import { JsonViewer } from "@/components/json-viewer";
import { PageHeader } from "@/components/panel";
import { LoadMore, Table, TableShell, TBody, Td, Th, THead, Tr } from "@/components/table";
import { useTRPC } from "@/trpc/react";
import { ChainStatus } from "./chain-status";

const KEYS = ["action", "actor", "subject", "from", "to", "before"] as const;
type Filters = Record<(typeof KEYS)[number], string>;

function useUrlFilters(): [Filters, (f: Filters) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const filters = Object.fromEntries(KEYS.map((k) => [k, params?.get(k) ?? ""])) as Filters;
  const set = (f: Filters) => {
    const p = new URLSearchParams();
    for (const k of KEYS) if (f[k]) p.set(k, f[k]);
    router.replace(`${path}?${p.toString()}`, { scroll: false });
  };
  return [filters, set];
}

export function AuditLog() {
  const trpc = useTRPC();
  const [filters, setFilters] = useUrlFilters();
  const [draft, setDraft] = useState(filters);
  const actions = useQuery(trpc.audit.actions.queryOptions());
  const input = useMemo(
    () => ({
      action: filters.action || undefined,
      actor: filters.actor || undefined,
      subject: filters.subject || undefined,
      from: filters.from ? new Date(`${filters.from}T00:00:00`) : undefined,
      to: filters.to ? new Date(`${filters.to}T23:59:59.999`) : undefined,
      limit: 50,
    }),
    [filters],
  );
  const before = Number(filters.before) || null;
  const list = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor, initialCursor: before ? before + 1 : null }));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const names = Object.assign({}, ...(list.data?.pages.map((p) => p.names) ?? [])) as Record<string, string>;
  const [open, setOpen] = useState<number | null>(null);
  const prefixes = [...new Set((actions.data ?? []).map((a) => `${a.split(".")[0]}.`))];
  const apply = (f: Filters) => (setDraft(f), setFilters(f));
  return (
    <section>
      <PageHeader title="Audit log" description="Every change made through Vigil, append-only and hash-chained. Filter by action, who did it, or what it touched." />
      <ChainStatus onShowRow={(id) => apply({ ...filters, before: String(id) })} />
      <form className="mb-3 flex flex-wrap items-center gap-2" role="search" aria-label="Filter the audit log" onSubmit={(e) => (e.preventDefault(), apply(draft))}>
        <Select aria-label="Action" className="w-48" value={draft.action} onChange={(e) => apply({ ...draft, action: e.target.value })}>
          <option value="">All actions</option>
          {prefixes.map((p) => (
            <option key={p} value={p}>{p}* (all)</option>
          ))}
          {actions.data?.map((a) => (
            <option key={a} value={a}>{a}</option>
          ))}
        </Select>
        <Input aria-label="Actor" placeholder="Actor: user:<id>, system…" title="Who did it: user:<id>, system, playbook:<run id>" className="w-60" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        <Input aria-label="Subject" placeholder="Subject: case:<id>, user:…" title="What it touched: case:<id>, user:<id>, source:<id>…" className="w-60" value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
        <Input type="date" aria-label="From" className="w-36" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <Input type="date" aria-label="To" className="w-36" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <Button type="submit" size="sm">Apply</Button>
        {KEYS.some((k) => filters[k]) && (
          <Button size="sm" variant="ghost" onClick={() => apply({ action: "", actor: "", subject: "", from: "", to: "", before: "" })}>Clear</Button>
        )}
      </form>
      {list.error && <ErrorState what="load the audit log" error={list.error} />}
      {list.isSuccess && rows.length === 0 && <EmptyState title="No audit entries match">Clear the filters to see everything recorded.</EmptyState>}
      {rows.length > 0 && (
        <TableShell footer={<LoadMore hasMore={Boolean(list.hasNextPage)} loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()} />}>
          <Table data-testid="audit-table">
            <THead>
              <tr>
                <Th className="w-20">#</Th>
                <Th>When (UTC)</Th>
                <Th>Action</Th>
                <Th>Actor</Th>
                <Th>Subject</Th>
                <Th><span className="sr-only">Details</span></Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((r) => (
                <Fragment key={r.id}>
                  <Tr data-testid="audit-row">
                    <Td className="font-mono text-xs text-slate-500">{r.id}</Td>
                    <Td className="font-mono text-xs whitespace-nowrap">{r.at.toISOString().replace("T", " ").slice(0, 19)}</Td>
                    <Td><button type="button" className="text-left font-mono text-xs break-all hover:underline" onClick={() => apply({ ...filters, action: r.action, before: "" })}>{r.action}</button></Td>
                    <Td className="text-xs"><button type="button" className="text-left break-all hover:underline" title={r.actor} onClick={() => apply({ ...filters, actor: r.actor, before: "" })}>{names[r.actor] ?? r.actor}</button></Td>
                    <Td className="text-xs"><button type="button" className="text-left font-mono break-all hover:underline" title={r.subject} onClick={() => apply({ ...filters, subject: r.subject, before: "" })}>{names[r.subject] ?? r.subject}</button></Td>
                    <Td className="text-right">
                      <Button size="sm" variant="ghost" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>{open === r.id ? "Hide" : "Details"}</Button>
                    </Td>
                  </Tr>
                  {open === r.id && (
                    <tr>
                      <td colSpan={6} className="bg-slate-50 px-3 py-2 dark:bg-slate-950/40">
                        <JsonViewer value={r.data} />
                        <p className="mt-1 font-mono text-[11px] text-slate-500">hash {r.hash} · prev {r.prevHash}</p>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </TBody>
          </Table>
        </TableShell>
      )}
    </section>
  );
}
