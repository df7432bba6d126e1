"use client";
// The alert sources page: add a source, list them with enable/disable, rotate and edit.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { Time } from "@/components/time";
import { useTRPC } from "@/trpc/react";
import { Card, ErrorText, secondaryButtonClass } from "../ui";
import { CreateSourceForm } from "./create-source-form";
import { SecretCallout, type RevealedSecret } from "./secret-callout";
import { SourceEditor, type SourceRow } from "./source-editor";
import { Table, TableShell, TBody, Th, THead } from "@/components/table";

const AUTH_LABEL: Record<string, string> = { token: "Bearer token", hmac: "HMAC signature", okta: "Okta event hook" };

export function SourceSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sources = useQuery(trpc.sources.list.queryOptions());
  const kinds = useQuery(trpc.sources.kinds.queryOptions());
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sources.list.queryKey() });
  const update = useMutation(trpc.sources.update.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(trpc.sources.rotate.mutationOptions({ onSuccess: (s) => setRevealed({ slug: s.slug, auth: s.auth, secret: s.secret, rotated: true }) }));
  const kindList = kinds.data ?? [{ kind: "generic", label: "Generic JSON" }];
  const kindLabel = (k: string) => kindList.find((x) => x.kind === k)?.label ?? k;
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Alert sources</h1>
      {revealed && <SecretCallout revealed={revealed} onDismiss={() => setRevealed(null)} />}
      <Card title="Add a source">
        <CreateSourceForm kinds={kindList} onCreated={(s) => (setRevealed(s), void refresh())} />
      </Card>
      <ErrorText error={sources.error ?? update.error ?? rotate.error} />
      {sources.isSuccess && sources.data.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500 dark:border-slate-700">
          No alert sources yet. Add one above, then point your SIEM or EDR at its webhook URL.
        </div>
      )}
      {sources.data && sources.data.length > 0 && (
        <TableShell>
          <Table data-testid="source-table">
            <THead>
              <tr>
                <Th>Slug</Th>
                <Th>Kind</Th>
                <Th>Authentication</Th>
                <Th>Rate limit</Th>
                <Th>Secret</Th>
                <Th>State</Th>
                <Th />
              </tr>
            </THead>
            <TBody>
              {sources.data.map((s) => (
                <Fragment key={s.id}>
                  <tr data-testid="source-row" data-slug={s.slug}>
                    <td className="px-3 py-2">
                      <span className="font-mono font-medium">{s.slug}</span>
                      {s.name !== s.slug && <span className="block text-xs text-slate-500">{s.name}</span>}
                    </td>
                    <td className="px-3 py-2">{kindLabel(s.kind)}</td>
                    <td className="px-3 py-2">{AUTH_LABEL[s.auth] ?? s.auth}</td>
                    <td className="px-3 py-2 tabular-nums text-slate-500">{s.rateLimitPerMinute ? `${s.rateLimitPerMinute}/min` : "default"}</td>
                    <td className="px-3 py-2 text-xs text-slate-500">{s.secretRotatedAt ? <>rotated <Time value={s.secretRotatedAt} /></> : <>since <Time value={s.createdAt} /></>}</td>
                    <td className="px-3 py-2">
                      <span className={s.enabled ? "text-emerald-600 dark:text-emerald-400" : "text-slate-500"}>{s.enabled ? "enabled" : "disabled"}</span>
                    </td>
                    <td className="space-x-2 whitespace-nowrap px-3 py-2 text-right">
                      <button type="button" className={secondaryButtonClass} onClick={() => update.mutate({ id: s.id, enabled: !s.enabled })}>
                        {s.enabled ? "Disable" : "Enable"}
                      </button>
                      <button type="button" className={secondaryButtonClass} onClick={() => window.confirm(`Rotate the secret of ${s.slug}? The current one stops working at once.`) && rotate.mutate({ id: s.id })}>
                        Rotate secret
                      </button>
                      <button type="button" className={secondaryButtonClass} onClick={() => setEditing(editing === s.id ? null : s.id)}>
                        Edit
                      </button>
                    </td>
                  </tr>
                  {editing === s.id && (
                    <tr>
                      <td colSpan={7} className="p-0">
                        <SourceEditor source={s as SourceRow} kinds={kindList} onClose={() => setEditing(null)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </TBody>
          </Table>
        </TableShell>
      )}
    </div>
  );
}
