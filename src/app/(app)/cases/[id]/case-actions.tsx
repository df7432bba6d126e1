"use client";
// What an analyst can do from the case page: acknowledge (a), assign to me (m) or to anyone,
// change status and severity, run a playbook (r), merge another case into this one. Errors are shown as the server words them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Button } from "@/components/button";
import { Select } from "@/components/form";
import { useShortcuts, type Shortcut } from "@/components/keyboard/shortcuts";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";
import type { CaseData } from "@/trpc/types";
import { MergeDialog } from "./merge-dialog";
import { RunPlaybookDialog } from "./run-playbook-dialog";

const STATUSES = [
  ["new", "New"],
  ["triage", "Triage"],
  ["contained", "Contained"],
  ["resolved", "Resolved"],
  ["false_positive", "False positive"],
] as const;
const SEVERITIES = ["low", "medium", "high", "critical"] as const;

export function CaseActions({ c, me }: { c: CaseData; me: { id: string } }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [runOpen, setRunOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const users = useQuery(trpc.cases.filterOptions.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.cases.pathKey() });
  const opts = (done: string, what: string) => ({ onSuccess: () => (toast.success(done), refresh()), onError: (e: { message: string }) => toast.error(`Could not ${what}: ${e.message}`) });
  const ack = useMutation(trpc.cases.acknowledge.mutationOptions(opts("Case acknowledged", "acknowledge")));
  const assign = useMutation(trpc.cases.assign.mutationOptions(opts("Assignee changed", "assign")));
  const status = useMutation(trpc.cases.setStatus.mutationOptions(opts("Status changed", "change the status")));
  const severity = useMutation(trpc.cases.setSeverity.mutationOptions(opts("Severity changed", "change the severity")));

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      { keys: "a", description: "Acknowledge", group: "Case", run: () => !c.acknowledgedAt && ack.mutate({ caseId: c.id }) },
      { keys: "m", description: "Assign to me", group: "Case", run: () => assign.mutate({ caseId: c.id, assigneeId: me.id }) },
      { keys: "r", description: "Run a playbook", group: "Case", run: () => setRunOpen(true) },
    ],
    [c.id, c.acknowledgedAt, me.id, ack, assign],
  );
  useShortcuts(shortcuts);

  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Case actions">
      <Button variant="primary" shortcut="a" disabled={Boolean(c.acknowledgedAt)} loading={ack.isPending} onClick={() => ack.mutate({ caseId: c.id })}>
        {c.acknowledgedAt ? "Acknowledged" : "Acknowledge"}
      </Button>
      <Button shortcut="m" disabled={c.assignee?.id === me.id} loading={assign.isPending} onClick={() => assign.mutate({ caseId: c.id, assigneeId: me.id })}>
        Assign to me
      </Button>
      <Select aria-label="Assignee" className="w-44" value={c.assignee?.id ?? ""} onChange={(e) => assign.mutate({ caseId: c.id, assigneeId: e.target.value || null })}>
        <option value="">Unassigned</option>
        {users.data?.users.map((u) => (
          <option key={u.id} value={u.id}>{u.name}</option>
        ))}
      </Select>
      <Select aria-label="Status" className="w-36" value={c.status} onChange={(e) => status.mutate({ caseId: c.id, status: e.target.value as (typeof STATUSES)[number][0] })}>
        {STATUSES.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </Select>
      <Select aria-label="Severity" className="w-32" value={c.severity} onChange={(e) => severity.mutate({ caseId: c.id, severity: e.target.value as (typeof SEVERITIES)[number] })}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>{s}</option>
        ))}
      </Select>
      <Button shortcut="r" onClick={() => setRunOpen(true)}>
        Run playbook…
      </Button>
      {!c.mergedIntoId && <Button onClick={() => setMergeOpen(true)}>Merge a case…</Button>}
      <MergeDialog open={mergeOpen} onClose={() => setMergeOpen(false)} caseId={c.id} caseNumber={c.number} />
      <RunPlaybookDialog open={runOpen} onClose={() => setRunOpen(false)} caseId={c.id} caseNumber={c.number} />
    </div>
  );
}
