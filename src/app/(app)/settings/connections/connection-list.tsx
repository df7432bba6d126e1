"use client";
// Connections (admin): the list with the last test result, "Test connection" showing what
// happened, edit, enable/disable, and the add form.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";
import { ConnectionForm, type EditedConnection } from "./connection-form";
import { Table, TableShell, TBody, Th, THead } from "@/components/table";

const button = "rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

function TestOutcome({ ok, message, at }: { ok: boolean; message: string; at: Date | string }) {
  return (
    <span data-testid="test-result" data-ok={ok} className={`block text-xs ${ok ? "text-emerald-600 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}>
      {ok ? "✓" : "✗"} {message} <span className="text-slate-500">(<Time value={at} />)</span>
    </span>
  );
}

export function ConnectionList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.connections.list.queryOptions());
  const forms = useQuery(trpc.connections.integrations.queryOptions());
  const [mode, setMode] = useState<{ kind: "closed" } | { kind: "add" } | { kind: "edit"; connection: EditedConnection }>({ kind: "closed" });
  const [notice, setNotice] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
  const test = useMutation(trpc.connections.test.mutationOptions({ onSettled: refresh }));
  const setEnabled = useMutation(trpc.connections.setEnabled.mutationOptions({ onSettled: refresh }));

  return (
    <section className="space-y-4">
      <div className="flex items-center gap-4">
        <h1 className="text-lg font-semibold">Connections</h1>
        <p className="text-sm text-slate-500">Systems playbooks act on. Credentials are encrypted and never shown again.</p>
        {mode.kind === "closed" && (
          <button type="button" onClick={() => (setMode({ kind: "add" }), setNotice(""))} className="ml-auto rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-500">
            Add connection
          </button>
        )}
      </div>
      {notice && <p role="status" className="rounded-md bg-emerald-500/10 px-3 py-2 text-sm text-emerald-700 dark:text-emerald-300">{notice}</p>}
      {mode.kind !== "closed" && forms.data && (
        <ConnectionForm
          key={mode.kind === "edit" ? mode.connection.id : "add"}
          forms={forms.data}
          editing={mode.kind === "edit" ? mode.connection : undefined}
          onDone={(message) => {
            setMode({ kind: "closed" });
            setNotice(message);
            void refresh();
          }}
        />
      )}
      {(list.error ?? forms.error) && <p role="alert" className="text-sm text-red-500">Could not load connections: {(list.error ?? forms.error)?.message}</p>}
      {list.data?.length === 0 && mode.kind === "closed" && (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500 dark:border-slate-700">
          No connections yet. Add one (Active Directory/LDAP, Okta, Entra ID) so playbooks can disable accounts, revoke sessions and roll it back.
        </div>
      )}
      {!!list.data?.length && (
        <TableShell>
          <Table>
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Integration</Th>
                <Th>State</Th>
                <Th>Last test</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </tr>
            </THead>
            <TBody>
              {list.data.map((c) => {
                const testing = test.isPending && test.variables?.id === c.id;
                const fresh = test.data && test.variables?.id === c.id ? test.data : null;
                return (
                  <tr key={c.id} data-testid="connection-row" data-name={c.name} className="align-top">
                    <td className="px-3 py-2 font-medium">{c.name}</td>
                    <td className="px-3 py-2 text-slate-600 dark:text-slate-300">{c.integrationTitle}</td>
                    <td className="px-3 py-2">
                      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${c.enabled ? "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300" : "bg-slate-500/15 text-slate-600 dark:text-slate-300"}`}>{c.enabled ? "enabled" : "disabled"}</span>
                    </td>
                    <td className="max-w-md px-3 py-2" aria-live="polite">
                      {testing ? <span className="text-xs text-slate-500">Testing…</span> : fresh ? <TestOutcome ok={fresh.ok} message={fresh.message} at={fresh.testedAt} /> : c.lastTestAt ? <TestOutcome ok={!!c.lastTestOk} message={c.lastTestMessage ?? ""} at={c.lastTestAt} /> : <span className="text-xs text-slate-500">never tested</span>}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">
                      <span className="inline-flex gap-1">
                        <button type="button" className={button} disabled={testing} onClick={() => test.mutate({ id: c.id })}>Test connection</button>
                        <button type="button" className={button} onClick={() => (setMode({ kind: "edit", connection: c }), setNotice(""))}>Edit</button>
                        <button type="button" className={button} onClick={() => setEnabled.mutate({ id: c.id, enabled: !c.enabled })}>{c.enabled ? "Disable" : "Enable"}</button>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </TBody>
          </Table>
        </TableShell>
      )}
      {test.error && <p role="alert" className="text-sm text-red-500">Test failed to run: {test.error.message}</p>}
    </section>
  );
}
