"use client";
// Containment actions taken for this case (blocks, disables) with expiry and rollback. The read
// side comes with the case (containment_actions.case_id). Rolling back needs the containment
// router of the integrations work: pass `onRollback` (e.g. containment.rollback) to show the
// button; without it the panel is read-only.
import { useState } from "react";
import { StatusBadge } from "@/components/badges";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { Panel } from "@/components/panel";
import { Time } from "@/components/time";
import type { CaseData } from "@/trpc/types";

type Action = CaseData["containment"][number];

export function CaseContainmentPanel({ actions, onRollback, rollingBack = false }: { actions: Action[]; onRollback?: (action: Action) => void; rollingBack?: boolean }) {
  const [confirm, setConfirm] = useState<Action | null>(null);
  if (actions.length === 0) return null;
  return (
    <Panel title="Containment" testId="case-containment">
      <ul className="space-y-2 text-sm">
        {actions.map((a) => (
          <li key={a.id} data-testid="containment-action" className="flex flex-wrap items-center gap-2">
            <StatusBadge status={a.status} />
            <span className="font-medium">{a.action}</span>
            <span className="font-mono text-xs">{a.target}</span>
            <span className="text-xs text-slate-500">
              <Time value={a.createdAt} />
              {a.status === "active" && a.expiresAt && <> · expires <Time value={a.expiresAt} /></>}
              {a.rolledBackAt && <> · rolled back <Time value={a.rolledBackAt} /></>}
            </span>
            {a.error && <span className="w-full text-xs text-red-600 dark:text-red-400">{a.error}</span>}
            {onRollback && a.status === "active" && a.inverse !== null && (
              <Button size="sm" variant="danger" className="ml-auto" onClick={() => setConfirm(a)}>
                Roll back
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title="Roll back containment?"
        description={confirm ? `${confirm.action} on ${confirm.target} will be undone now.` : undefined}
        size="sm"
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirm(null)}>Cancel</Button>
            <Button variant="danger" loading={rollingBack} onClick={() => confirm && (onRollback?.(confirm), setConfirm(null))}>
              Roll back
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-500">The rollback is recorded on the timeline and in the audit log.</p>
      </Dialog>
    </Panel>
  );
}
