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

type CaseEventRow = typeof caseEvents.$inferInsert;
const held = new WeakMap<DbOrTx, CaseEventRow[]>();

export async function addCaseEvent(
  tx: DbOrTx,
  event: { caseId: string; actor: string; kind: CaseEventKind; data?: Record<string, unknown>; at?: Date },
): Promise<void> {
  const row: CaseEventRow = { caseId: event.caseId, actor: event.actor, kind: event.kind, data: event.data ?? {}, ...(event.at ? { at: event.at } : {}) };
  const queue = held.get(tx);
  if (queue) queue.push(row);
  else await tx.insert(caseEvents).values(row);
}

/**
 * Runs `fn` holding the case events written on `tx`, then inserts them in order with one
 * multi-row statement, still in the transaction. The ingest transaction uses it: an alert's
 * case_opened/alert_added and run_started events were one statement each (issue 10). Only for
 * code that does not read back the events it writes.
 */
export async function withHeldCaseEvents<T>(tx: DbOrTx, fn: () => Promise<T>): Promise<T> {
  const queue: CaseEventRow[] = [];
  held.set(tx, queue);
  let result: T;
  try {
    result = await fn();
  } finally {
    held.delete(tx);
  }
  if (queue.length > 0) await tx.insert(caseEvents).values(queue);
  return result;
}
