"use client";
// Start a playbook by hand on this case: pick one of the playbooks that allow manual runs, fill
// its typed input form (built from the playbook's input schema), start. The server re-validates.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { EmptyState } from "@/components/empty-state";
import { Field, Select } from "@/components/form";
import { JsonSchemaFields } from "@/components/json-schema-form";
import { useToast } from "@/components/toast";
import { fieldsFromSchema, initialValues, valuesToInput } from "@/lib/json-schema-form";
import { useTRPC } from "@/trpc/react";

export function RunPlaybookDialog({ open, onClose, caseId, caseNumber }: { open: boolean; onClose: () => void; caseId: string; caseNumber: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const playbooks = useQuery({ ...trpc.playbooks.list.queryOptions(), enabled: open });
  const manual = useMemo(() => (playbooks.data ?? []).filter((p) => p.manual && p.enabled), [playbooks.data]);
  const [playbookId, setPlaybookId] = useState("");
  const chosen = manual.find((p) => p.id === playbookId) ?? manual[0];
  const fields = useMemo(() => fieldsFromSchema(chosen?.inputJsonSchema), [chosen]);
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const start = useMutation(
    trpc.runs.start.mutationOptions({
      onSuccess: () => {
        toast.success(`${chosen?.title ?? "Playbook"} started on case #${caseNumber}`);
        void qc.invalidateQueries({ queryKey: trpc.cases.byId.pathKey() });
        onClose();
      },
      onError: (e) => setErrors({ _form: e.message }),
    }),
  );
  const pick = (id: string) => {
    setPlaybookId(id);
    setValues(initialValues(fieldsFromSchema(manual.find((p) => p.id === id)?.inputJsonSchema)));
    setErrors({});
  };
  const submit = () => {
    if (!chosen) return;
    const current = { ...initialValues(fields), ...values };
    const result = valuesToInput(fields, current);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    start.mutate({ playbookId: chosen.id, caseId, input: result.input });
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Run a playbook"
      description={`On case #${caseNumber}. The run appears under Playbook runs and on the timeline.`}
      testId="run-playbook-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!chosen} loading={start.isPending} onClick={submit}>
            Start run
          </Button>
        </>
      }
    >
      {playbooks.isPending && <p className="text-sm text-slate-500">Loading playbooks…</p>}
      {playbooks.error && <p role="alert" className="text-sm text-red-600">Could not load playbooks: {playbooks.error.message}</p>}
      {playbooks.isSuccess && manual.length === 0 && (
        <EmptyState title="No playbook can be started by hand">A playbook can be run manually when it declares an input schema or has no trigger. Ask an admin to add or enable one under Playbooks.</EmptyState>
      )}
      {chosen && (
        <form className="space-y-4" onSubmit={(e) => (e.preventDefault(), submit())}>
          <Field label="Playbook" hint={chosen.description}>
            {({ id, describedBy }) => (
              <Select id={id} aria-describedby={describedBy} value={chosen.id} onChange={(e) => pick(e.target.value)}>
                {manual.map((p) => (
                  <option key={p.id} value={p.id}>{p.title}</option>
                ))}
              </Select>
            )}
          </Field>
          {fields.length > 0 ? (
            <JsonSchemaFields fields={fields} values={{ ...initialValues(fields), ...values }} errors={errors} onChange={(name, v) => setValues((all) => ({ ...initialValues(fields), ...all, [name]: v }))} />
          ) : (
            <p className="text-sm text-slate-500">This playbook takes no input.</p>
          )}
          {errors._form && <p role="alert" className="text-sm text-red-600 dark:text-red-400">Could not start the run: {errors._form}</p>}
          <button type="submit" hidden />
        </form>
      )}
    </Dialog>
  );
}
