"use client";
// Appears when cases are selected: assign them all, or close them all (resolved / false positive).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/button";
import { Select } from "@/components/form";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";

export function BulkBar({ selected, users, onDone }: { selected: string[]; users: { id: string; name: string }[]; onDone: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [assignee, setAssignee] = useState("");
  const [closeAs, setCloseAs] = useState<"resolved" | "false_positive">("resolved");
  const done = (what: string) => (r: { updated: number }) => {
    toast.success(`${r.updated} case${r.updated === 1 ? "" : "s"} ${what}`);
    onDone();
  };
  const fail = (e: { message: string }) => toast.error(`Bulk change failed, nothing was changed: ${e.message}`);
  const assign = useMutation(trpc.cases.bulkAssign.mutationOptions({ onSuccess: done("assigned"), onError: fail }));
  const close = useMutation(trpc.cases.bulkClose.mutationOptions({ onSuccess: done("closed"), onError: fail }));
  return (
    <div data-testid="bulk-bar" role="region" aria-label="Bulk actions" className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-sky-300 bg-sky-50 px-3 py-2 text-sm dark:border-sky-900 dark:bg-sky-950/40">
      <span className="font-medium">{selected.length} selected</span>
      <span className="mx-2 h-4 w-px bg-slate-300 dark:bg-slate-700" aria-hidden />
      <Select aria-label="Assign selected cases to" className="w-44" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
        <option value="">Unassigned</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>{u.name}</option>
        ))}
      </Select>
      <Button size="sm" loading={assign.isPending} onClick={() => assign.mutate({ caseIds: selected, assigneeId: assignee || null })}>
        Assign
      </Button>
      <span className="mx-2 h-4 w-px bg-slate-300 dark:bg-slate-700" aria-hidden />
      <Select aria-label="Close selected cases as" className="w-40" value={closeAs} onChange={(e) => setCloseAs(e.target.value as typeof closeAs)}>
        <option value="resolved">Resolved</option>
        <option value="false_positive">False positive</option>
      </Select>
      <Button size="sm" variant="danger" loading={close.isPending} onClick={() => close.mutate({ caseIds: selected, status: closeAs })}>
        Close
      </Button>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onDone}>
        Clear selection
      </Button>
    </div>
  );
}
