// Writes to a case's timeline (case_events). Every change to a case goes through here.
import type { DbOrTx } from "../db/client";
import { caseEvents } from "../db/schema";

export type CaseEventKind =
  | "case_opened"
  | "alert_added"
  | "alert_duplicate"
  | "status_changed"
  | "severity_changed"
  | "assigned"
  | "acknowledged"
  | "comment"
  | "run_started"
  | "run_finished"
  | "approval_requested"
  | "approval_decided"
  | "containment"
  | "containment_rolled_back"
  | "guardrail_refused"
  | "merged"
  | "split"
  | (string & {});

export async function addCaseEvent(
  tx: DbOrTx,
  event: { caseId: string; actor: string; kind: CaseEventKind; data?: Record<string, unknown>; at?: Date },
): Promise<void> {
  await tx.insert(caseEvents).values({ caseId: event.caseId, actor: event.actor, kind: event.kind, data: event.data ?? {}, ...(event.at ? { at: event.at } : {}) });
}
