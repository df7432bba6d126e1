// The containment ledger (containment_actions): every containment action claimed before the call
// (status pending, unique idempotency key), completed or failed after it, with target, params,
// inverse, who/which run, and an optional expiry that a graphile job ("containment.expire") acts on.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { containmentActions } from "../db/schema";
import type { ContainmentStatus } from "../db/schema/enums";
import { appendAudit } from "../audit/append";
import { addCaseEvent } from "../cases/timeline";
import { enqueueJob } from "../engine/jobs";
import type { Json } from "../engine/define-playbook";
import type { InverseCall, Target } from "./define";

export const CONTAINMENT_EXPIRE_TASK = "containment.expire";

type ActionRow = typeof containmentActions.$inferSelect;

/** What a containment call returns to a playbook (JSON; never a credential). */
export type ContainmentOutcome<TResult extends Json = Json> = {
  actionId: string;
  connection: string;
  action: string;
  target: string;
  /** active: in force, can be rolled back; completed: nothing stays to undo. Later: rolled_back, expired. */
  status: ContainmentStatus;
  /** False when the system was already in the requested state (nothing was changed). */
  changed: boolean;
  expiresAt: string | null;
  /** True when this call repeated an earlier one with the same idempotency key and did nothing. */
  replayed: boolean;
  result: TResult;
};

export function outcomeOf<T extends Json>(row: ActionRow, connectionName: string, replayed: boolean): ContainmentOutcome<T> {
  const result = (row.result ?? null) as { value?: T; changed?: boolean } | null;
  return {
    actionId: row.id,
    connection: connectionName,
    action: row.action,
    target: row.target,
    status: row.status,
    changed: result?.changed ?? true,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    replayed,
    result: (result?.value ?? null) as T,
  };
}

export async function findActionByKey(db: DbOrTx, idempotencyKey: string): Promise<ActionRow | undefined> {
  const [row] = await db.select().from(containmentActions).where(eq(containmentActions.idempotencyKey, idempotencyKey)).limit(1);
  return row;
}

export interface ClaimRequest {
  connectionId: string;
  action: string;
  target: Target;
  params: Record<string, unknown>;
  actor: string;
  runId: string | null;
  caseId: string | null;
  idempotencyKey: string | null;
}

/** Records the action as pending (or re-claims a failed/crashed attempt with the same key). */
export async function claimAction(tx: DbOrTx, claim: ClaimRequest): Promise<string> {
  const values = {
    connectionId: claim.connectionId,
    action: claim.action,
    target: claim.target.value,
    params: claim.params,
    runId: claim.runId,
    caseId: claim.caseId,
    createdBy: claim.actor,
    idempotencyKey: claim.idempotencyKey,
    status: "pending" as const,
  };
  const [row] = await tx
    .insert(containmentActions)
    .values(values)
    .onConflictDoUpdate({
      target: containmentActions.idempotencyKey,
      set: { status: "pending", error: null, createdAt: sql`now()` },
      setWhere: inArray(containmentActions.status, ["pending", "failed"]),
    })
    .returning({ id: containmentActions.id });
  if (!row) throw new Error(`containment action with key ${claim.idempotencyKey} completed concurrently`);
  return row.id;
}

const describe = (row: { action: string; target: string }, connection: string) => `${row.action} ${row.target} via "${connection}"`;

/** Marks a claimed action done: active when an inverse exists, else completed. Schedules expiry. */
export async function completeAction(
  db: Db,
  id: string,
  done: { connectionName: string; result: unknown; changed: boolean; inverse: InverseCall | null; expiresInMs: number | null; reason?: string },
): Promise<ActionRow> {
  return db.transaction(async (tx) => {
    const status: ContainmentStatus = done.inverse ? "active" : "completed";
    const expiresAt = done.inverse && done.expiresInMs ? new Date(Date.now() + done.expiresInMs) : null;
    const [row] = await tx
      .update(containmentActions)
      .set({ status, result: { value: done.result, changed: done.changed } as never, inverse: done.inverse as never, expiresAt, error: null })
      .where(eq(containmentActions.id, id))
      .returning();
    if (!row) throw new Error(`containment action ${id} vanished`);
    if (expiresAt) await enqueueJob(tx, CONTAINMENT_EXPIRE_TASK, { actionId: id }, { runAt: expiresAt, jobKey: `containment-expire:${id}` });
    const data = { actionId: id, connection: done.connectionName, action: row.action, target: row.target, changed: done.changed, expiresAt: expiresAt?.toISOString() ?? null, runId: row.runId, reason: done.reason ?? null };
    await appendAudit(tx, { actor: row.createdBy, action: "containment.apply", subject: `containment:${id}`, data });
    if (row.caseId) {
      const text = `${describe(row, done.connectionName)}${done.changed ? "" : " (already so; nothing changed)"}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}`;
      await addCaseEvent(tx, { caseId: row.caseId, actor: row.createdBy, kind: "containment", data: { ...data, text } });
    }
    return row;
  });
}

/** Marks a claimed action failed; the step that made it fails too. */
export async function failAction(db: Db, id: string, failure: { connectionName: string; message: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.update(containmentActions).set({ status: "failed", error: failure.message }).where(eq(containmentActions.id, id)).returning();
    if (!row) return;
    const data = { actionId: id, connection: failure.connectionName, action: row.action, target: row.target, error: failure.message, runId: row.runId };
    await appendAudit(tx, { actor: row.createdBy, action: "containment.failed", subject: `containment:${id}`, data });
    if (row.caseId) await addCaseEvent(tx, { caseId: row.caseId, actor: row.createdBy, kind: "containment_failed", data: { ...data, text: `${describe(row, failure.connectionName)} failed: ${failure.message}` } });
  });
}
