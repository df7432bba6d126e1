"use client";
// The admin's enable/disable switch for a playbook (audited server-side); read-only for others.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

export function EnabledToggle({ id, enabled, isAdmin }: { id: string; enabled: boolean; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.playbooks.setEnabled.mutationOptions({
      onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.playbooks.list.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.playbooks.byId.queryKey({ id }) })]),
    }),
  );
  const label = enabled ? "enabled" : "disabled";
  if (!isAdmin)
    return <span className={`text-xs font-medium ${enabled ? "text-emerald-600 dark:text-emerald-400" : "text-slate-500"}`} title="only admins can change this">{label}</span>;
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-label={`${enabled ? "Disable" : "Enable"} playbook ${id}`}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ id, enabled: !enabled })}
        className={`relative h-5 w-9 rounded-full transition ${enabled ? "bg-emerald-600" : "bg-slate-400 dark:bg-slate-600"} disabled:opacity-50`}
      >
        <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white transition ${enabled ? "left-4" : "left-0.5"}`} />
      </button>
      <span className="text-xs text-slate-500">{label}</span>
      {mutation.error && <span role="alert" className="text-xs text-red-500">{mutation.error.message}</span>}
    </span>
  );
}
