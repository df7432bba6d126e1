"use client";
// Merge another case into this one: type its number, check what it is (title, severity, alerts),
// merge. Its alerts and observables move here; it keeps its own timeline and points at this case.
// Undo by splitting the merged-in alerts out again (alerts panel).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { SeverityBadge, StatusBadge } from "@/components/badges";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { Field, Input } from "@/components/form";
import { useToast } from "@/components/toast";
import { useTRPC } from "@/trpc/react";

export function MergeDialog({ open, onClose, caseId, caseNumber }: { open: boolean; onClose: () => void; caseId: string; caseNumber: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [text, setText] = useState("");
  const number = text.trim().replace(/^#/, "");
  const valid = /^\d{1,15}$/.test(number);
  const other = useQuery({ ...trpc.cases.byId.queryOptions({ id: `#${number}` }), enabled: open && valid && Number(number) !== caseNumber, retry: false });
  const close = () => (setText(""), merge.reset(), onClose());
  const merge = useMutation(
    trpc.cases.merge.mutationOptions({
      onSuccess: () => {
        toast.success(`Case #${number} merged into #${caseNumber}`);
        void qc.invalidateQueries({ queryKey: trpc.cases.pathKey() });
        close();
      },
    }),
  );
  const problem = !text.trim()
    ? null
    : !valid
      ? "Type a case number, e.g. 42 or #42."
      : Number(number) === caseNumber
        ? "A case cannot be merged into itself."
        : other.error
          ? `Case #${number}: ${other.error.message}`
          : other.data?.mergedIntoId
            ? `Case #${number} is already merged into another case.`
            : null;
  const ready = valid && !problem && other.data && !other.data.mergedIntoId;
  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Merge a case into #${caseNumber}`}
      description="Its alerts and observables move into this case; it keeps its timeline and links here. Splitting the alerts out undoes it."
      testId="merge-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={close}>Cancel</Button>
          <Button variant="primary" disabled={!ready} loading={merge.isPending} onClick={() => other.data && merge.mutate({ targetCaseId: caseId, caseIds: [other.data.id] })}>
            {ready ? `Merge #${number} into #${caseNumber}` : "Merge"}
          </Button>
        </>
      }
    >
      <form className="space-y-3" onSubmit={(e) => (e.preventDefault(), ready && other.data && merge.mutate({ targetCaseId: caseId, caseIds: [other.data.id] }))}>
        <Field label="Case number to merge" error={problem ?? undefined}>
          {({ id, describedBy }) => <Input id={id} aria-describedby={describedBy} autoFocus inputMode="numeric" placeholder="#" value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        {ready && other.data && (
          <div data-testid="merge-preview" className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
            <div className="flex items-center gap-2">
              <span className="font-mono text-slate-500">#{other.data.number}</span>
              <span className="font-medium">{other.data.title}</span>
            </div>
            <div className="mt-1 flex items-center gap-2 text-xs text-slate-500">
              <SeverityBadge severity={other.data.severity} />
              <StatusBadge status={other.data.status} />
              <span>{other.data.alertCount} alert{other.data.alertCount === 1 ? "" : "s"} · {other.data.observables.length} observable{other.data.observables.length === 1 ? "" : "s"}</span>
            </div>
          </div>
        )}
        {valid && other.isFetching && <p className="text-sm text-slate-500">Looking up case #{number}…</p>}
        {merge.error && <p role="alert" className="text-sm text-red-600 dark:text-red-400">Could not merge: {merge.error.message}</p>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
