"use client";
// Add a user: name, email, role and an initial password (generated, shown once to hand over).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { Field, Input, Select } from "@/components/form";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";

const generate = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(15));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, "x");
};

export function AddUserDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [form, setForm] = useState({ name: "", email: "", role: "analyst" as "analyst" | "manager" | "admin", password: generate() });
  const [error, setError] = useState<{ message: string; fields?: string[] } | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: (u) => {
        toast.success(`${u.email} added. Hand over the password shown in the form; it is not shown again.`);
        onAdded();
        setForm({ name: "", email: "", role: "analyst", password: generate() });
        onClose();
      },
      onError: (e) => setError({ message: e.message, fields: (e.data as { fields?: string[] } | undefined)?.fields }),
    }),
  );
  const fieldError = (name: string) => (error?.fields?.includes(name) ? error.message : null);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add user"
      testId="add-user-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>Cancel</Button>
          <Button variant="primary" loading={create.isPending} onClick={() => create.mutate(form)}>Add user</Button>
        </>
      }
    >
      <form className="space-y-3" onSubmit={(e) => (e.preventDefault(), create.mutate(form))}>
        <Field label="Name" required error={fieldError("name")}>
          {({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} aria-invalid={invalid} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label="Email" required error={fieldError("email")}>
          {({ id, describedBy, invalid }) => <Input id={id} type="email" aria-describedby={describedBy} aria-invalid={invalid} value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
        </Field>
        <Field label="Role">
          {({ id }) => (
            <Select id={id} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as typeof form.role })}>
              <option value="analyst">analyst</option>
              <option value="manager">manager</option>
              <option value="admin">admin</option>
            </Select>
          )}
        </Field>
        <Field label="Initial password" hint="At least 12 characters. Copy it now to hand it over." error={fieldError("password")}>
          {({ id, describedBy, invalid }) => (
            <div className="flex gap-2">
              <Input id={id} aria-describedby={describedBy} aria-invalid={invalid} className="font-mono" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
              <Button size="sm" onClick={() => setForm({ ...form, password: generate() })}>Generate</Button>
            </div>
          )}
        </Field>
        {error && !error.fields?.length && <p role="alert" className="text-sm text-red-600 dark:text-red-400">{error.message}</p>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
