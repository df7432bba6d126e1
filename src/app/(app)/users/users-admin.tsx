"use client";
// Users admin: list, add (with a generated password shown once), change role, disable/enable.
// Your own row is read-only: an admin cannot lock themselves out.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, RoleBadge } from "@/components/badges";
import { Button } from "@/components/button";
import { EmptyState, ErrorState } from "@/components/empty-state";
import { Select } from "@/components/form";
import { PageHeader } from "@/components/panel";
import { Table, TableShell, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Time } from "@/components/time";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";
import { AddUserDialog } from "./add-user-dialog";

const ROLES = ["analyst", "manager", "admin"] as const;

export function UsersAdmin({ meId }: { meId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const onError = (what: string) => (e: { message: string }) => toast.error(`Could not ${what}: ${e.message}`);
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: () => (toast.success("Role changed"), refresh()), onError: onError("change the role") }));
  const setDisabled = useMutation(trpc.users.setDisabled.mutationOptions({ onSuccess: (_r, v) => (toast.success(v.disabled ? "User disabled; their sessions are closed" : "User enabled"), refresh()), onError: onError("change the user") }));
  return (
    <section>
      <PageHeader
        title="Users"
        description="Analysts triage cases and start playbooks; managers also decide approvals; admins manage sources, connections and users."
        actions={<Button variant="primary" onClick={() => setAdding(true)}>Add user</Button>}
      />
      {users.error && <ErrorState what="load users" error={users.error} />}
      {users.data?.length === 0 && <EmptyState title="No users">Add the first analyst with “Add user”.</EmptyState>}
      {users.data && users.data.length > 0 && (
        <TableShell>
          <Table data-testid="users-table">
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Status</Th>
                <Th>Last sign-in</Th>
                <Th>Added</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </tr>
            </THead>
            <TBody>
              {users.data.map((u) => {
                const self = u.id === meId;
                return (
                  <Tr key={u.id} data-testid="user-row">
                    <Td className="font-medium">{u.name}{self && <span className="ml-1 text-xs text-slate-500">(you)</span>}</Td>
                    <Td className="text-slate-500">{u.email}</Td>
                    <Td>
                      {self ? (
                        <RoleBadge role={u.role} />
                      ) : (
                        <Select aria-label={`Role of ${u.email}`} className="w-32" value={u.role} onChange={(e) => setRole.mutate({ userId: u.id, role: e.target.value as (typeof ROLES)[number] })}>
                          {ROLES.map((r) => (
                            <option key={r} value={r}>{r}</option>
                          ))}
                        </Select>
                      )}
                    </Td>
                    <Td>{u.disabled ? <Badge tone="bg-red-500/15 text-red-700 dark:text-red-300">disabled</Badge> : <Badge tone="bg-emerald-500/15 text-emerald-700 dark:text-emerald-300">active</Badge>}</Td>
                    <Td className="text-slate-500"><Time value={u.lastLoginAt} /></Td>
                    <Td className="text-slate-500"><Time value={u.createdAt} /></Td>
                    <Td className="text-right">
                      {!self && (
                        <Button size="sm" variant={u.disabled ? "secondary" : "ghost"} onClick={() => setDisabled.mutate({ userId: u.id, disabled: !u.disabled })}>
                          {u.disabled ? "Enable" : "Disable"}
                        </Button>
                      )}
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        </TableShell>
      )}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} onAdded={refresh} />
    </section>
  );
}
