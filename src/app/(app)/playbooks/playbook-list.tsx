"use client";
// The playbook catalogue: title, id, version, trigger, activity over 7 days, enabled switch.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";
import { EnabledToggle } from "./enabled-toggle";
import { triggerText } from "./trigger-summary";
import { Table, TableShell, TBody, Th, THead } from "@/components/table";

export function PlaybookList({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.playbooks.list.queryOptions(), refetchInterval: 10_000 });
  return (
    <section>
      <h1 className="mb-4 text-lg font-semibold">Playbooks</h1>
      {list.error && <p role="alert" className="text-sm text-red-500">Could not load playbooks: {list.error.message}</p>}
      {list.data?.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500 dark:border-slate-700">
          No playbooks yet. Add a file to <code>playbooks/</code> (one default-exported <code>definePlaybook(…)</code>) and register it in <code>playbooks/index.ts</code>; workers list it here when they start.
        </div>
      )}
      {list.data && list.data.length > 0 && (
        <TableShell>
          <Table data-testid="playbooks-table">
            <THead>
              <tr>
                <Th>Playbook</Th>
                <Th>Trigger</Th>
                <Th>Version</Th>
                <Th>Runs (7 days)</Th>
                <Th>Last run</Th>
                <Th>Enabled</Th>
              </tr>
            </THead>
            <TBody>
              {list.data.map((p) => (
                <tr key={p.id} data-testid="playbook-row" data-playbook={p.id}>
                  <td className="px-3 py-2">
                    <Link href={`/playbooks/${p.id}`} className="font-medium hover:underline">{p.title}</Link>
                    <span className="block font-mono text-xs text-slate-500">{p.id}</span>
                  </td>
                  <td className="px-3 py-2 text-slate-600 dark:text-slate-300">{triggerText(p.trigger)}</td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-500">{p.versionHash.slice(0, 8)}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {p.runs7d}
                    {p.failed7d > 0 && <span className="ml-1 text-xs text-red-500">({p.failed7d} failed)</span>}
                  </td>
                  <td className="px-3 py-2 text-slate-500"><Time value={p.lastRunAt} /></td>
                  <td className="px-3 py-2"><EnabledToggle id={p.id} enabled={p.enabled} isAdmin={isAdmin} /></td>
                </tr>
              ))}
            </TBody>
          </Table>
        </TableShell>
      )}
    </section>
  );
}
