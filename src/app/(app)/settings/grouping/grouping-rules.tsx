"use client";
// The grouping rules page: rules in the order they are tried, each editable, plus a new-rule form.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { Card, ErrorText, secondaryButtonClass } from "../ui";
import { NEW_RULE, RuleForm, type RuleValues } from "./rule-form";

function describe(config: RuleValues["config"]): string {
  const types = config.observableTypes.length > 3 ? `${config.observableTypes.slice(0, 3).join(", ")}, …` : config.observableTypes.join(", ");
  const parts = [config.sameSource ? "same source" : "any source", config.sameRule ? "same rule" : "any rule", `same ${types}`, `within ${config.windowMinutes} min`];
  if (config.sources.length) parts.unshift(`for ${config.sources.join(", ")}`);
  return parts.join(" · ");
}

export function GroupingRules() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.groupingRules.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.groupingRules.list.queryKey() });
  const update = useMutation(trpc.groupingRules.update.mutationOptions({ onSuccess: () => (setEditing(null), refresh()) }));
  const create = useMutation(trpc.groupingRules.create.mutationOptions({ onSuccess: () => (setAdding(false), refresh()) }));
  const remove = useMutation(trpc.groupingRules.delete.mutationOptions({ onSuccess: refresh }));
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-lg font-semibold">Grouping rules</h1>
        <button type="button" className={`${secondaryButtonClass} ml-auto`} onClick={() => setAdding(!adding)}>Add rule</button>
      </div>
      <p className="text-sm text-slate-500">A new alert joins the open case that its first applicable rule points to; with no applicable rule it opens a case of its own.</p>
      <ErrorText error={rules.error ?? update.error ?? create.error ?? remove.error} />
      {adding && (
        <Card title="New rule">
          <RuleForm initial={NEW_RULE} pending={create.isPending} onSave={(v) => create.mutate(v)} onCancel={() => setAdding(false)} />
        </Card>
      )}
      {rules.isSuccess && rules.data.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500 dark:border-slate-700">No rules: every alert opens its own case. Add a rule to group alerts of one incident.</div>
      )}
      <ol className="space-y-2">
        {rules.data?.map((r) => {
          const config = r.config as RuleValues["config"];
          return (
            <li key={r.id} data-testid="grouping-rule" className="rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-mono text-xs text-slate-500">{r.priority}</span>
                <span className="min-w-0 flex-1">
                  <span className="font-medium">{r.name}</span>
                  <span className="block text-xs text-slate-500">{describe(config)}</span>
                </span>
                <span className={`${r.enabled ? "text-emerald-600 dark:text-emerald-400" : "text-slate-500"}`}>{r.enabled ? "enabled" : "disabled"}</span>
                <button type="button" className={secondaryButtonClass} onClick={() => update.mutate({ id: r.id, enabled: !r.enabled })}>{r.enabled ? "Disable" : "Enable"}</button>
                <button type="button" className={secondaryButtonClass} onClick={() => setEditing(editing === r.id ? null : r.id)}>Edit</button>
                <button type="button" className={secondaryButtonClass} onClick={() => window.confirm(`Delete the rule "${r.name}"?`) && remove.mutate({ id: r.id })}>Delete</button>
              </div>
              {editing === r.id && (
                <div className="mt-3 border-t border-slate-100 pt-3 dark:border-slate-800">
                  <RuleForm initial={{ name: r.name, priority: r.priority, enabled: r.enabled, config }} pending={update.isPending} onSave={(v) => update.mutate({ id: r.id, ...v })} onCancel={() => setEditing(null)} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
