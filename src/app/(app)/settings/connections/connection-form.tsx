"use client";
// Add or edit a connection. The fields come from the integration's schemas; credentials are
// write-only: editing shows them empty ("stored; leave empty to keep") and sends only what is typed.
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { SchemaField } from "@/components/schema-field";
import type { FormField } from "@/server/integrations/form-fields";
import { useTRPC } from "@/trpc/react";
import { initialValues, toConfig, toSecret, type FormValues } from "./form-values";

export interface IntegrationForm {
  id: string;
  title: string;
  description: string;
  configFields: FormField[];
  secretFields: FormField[];
}

export interface EditedConnection {
  id: string;
  name: string;
  integration: string;
  config: unknown;
  secretFieldsSet: string[];
}

function Fieldset({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{legend}</legend>
      {children}
    </fieldset>
  );
}

export function ConnectionForm({ forms, editing, onDone }: { forms: IntegrationForm[]; editing?: EditedConnection; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const [integrationId, setIntegrationId] = useState(editing?.integration ?? forms[0]?.id ?? "");
  const form = forms.find((f) => f.id === integrationId);
  const [name, setName] = useState(editing?.name ?? "");
  const [values, setValues] = useState<FormValues>(() => initialValues(form?.configFields ?? [], editing?.config as Record<string, unknown> | undefined));
  const [secrets, setSecrets] = useState<FormValues>({});
  const create = useMutation(trpc.connections.create.mutationOptions({ onSuccess: () => onDone(`Connection "${name}" added. Test it to check the credentials.`) }));
  const update = useMutation(trpc.connections.update.mutationOptions({ onSuccess: () => onDone(`Connection "${name}" saved.`) }));
  const error = create.error ?? update.error;

  const groups = useMemo(() => {
    const byGroup = new Map<string, FormField[]>();
    for (const f of form?.configFields ?? []) byGroup.set(f.group ?? "Settings", [...(byGroup.get(f.group ?? "Settings") ?? []), f]);
    return [...byGroup.entries()];
  }, [form]);

  function chooseIntegration(id: string) {
    setIntegrationId(id);
    setValues(initialValues(forms.find((f) => f.id === id)?.configFields ?? []));
    setSecrets({});
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const config = toConfig(form.configFields, values);
    const secret = toSecret(form.secretFields, secrets);
    if (editing) update.mutate({ id: editing.id, name, config, secret });
    else create.mutate({ integration: form.id, name, config, secret });
  }

  return (
    <form onSubmit={submit} aria-label={editing ? `Edit connection ${editing.name}` : "Add connection"} data-testid="connection-form" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-sm font-semibold">{editing ? `Edit ${editing.name}` : "Add a connection"}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="text-sm">
          <label htmlFor="connection-integration" className="mb-1 block text-slate-700 dark:text-slate-300">Integration</label>
          <select id="connection-integration" value={integrationId} disabled={!!editing} onChange={(e) => chooseIntegration(e.target.value)} className="w-full rounded-md border border-slate-300 bg-transparent px-3 py-1.5 text-sm dark:border-slate-700">
            {forms.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor="connection-name" className="mb-1 block text-slate-700 dark:text-slate-300">Name <span className="text-red-500" aria-hidden>*</span></label>
          <input id="connection-name" name="name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="corp-ad" className="w-full rounded-md border border-slate-300 bg-transparent px-3 py-1.5 text-sm outline-none focus:border-sky-500 dark:border-slate-700" />
        </div>
      </div>
      {form && <p className="text-sm text-slate-500">{form.description}</p>}
      {groups.map(([group, fields]) => (
        <Fieldset key={group} legend={group}>
          <div className="grid gap-3 sm:grid-cols-2">
            {fields.map((f) => (
              <div key={f.key} className={f.type === "textarea" || f.type === "lines" ? "sm:col-span-2" : ""}>
                <SchemaField field={f} value={values[f.key] ?? ""} onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))} />
              </div>
            ))}
          </div>
        </Fieldset>
      ))}
      {form && form.secretFields.length > 0 && (
        <Fieldset legend="Credentials (write-only)">
          {form.secretFields.map((f) => (
            <SchemaField
              key={f.key}
              field={f}
              value={secrets[f.key] ?? ""}
              placeholder={editing?.secretFieldsSet.includes(f.key) ? "stored; leave empty to keep" : undefined}
              onChange={(v) => setSecrets((old) => ({ ...old, [f.key]: v }))}
            />
          ))}
        </Fieldset>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-500/10 px-3 py-2 text-sm text-red-600 dark:text-red-400">
          {error.message}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={create.isPending || update.isPending} className="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-60">
          {create.isPending || update.isPending ? "Saving…" : "Save connection"}
        </button>
        <button type="button" onClick={() => onDone("")} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
          Cancel
        </button>
      </div>
    </form>
  );
}
