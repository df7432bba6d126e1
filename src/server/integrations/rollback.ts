// Undoing containment: an analyst's one-click rollback and the expiry job both run the recorded
// inverse on the same connection, then mark the row rolled_back/expired with audit and timeline.
// Rollbacks pass no guardrails (undoing is always allowed) and work on disabled connections too.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { containmentActions, connections } from "../db/schema";
import { appendAudit } from "../audit/append";
import { addCaseEvent } from "../cases/timeline";
import { AppError } from "../errors";
import type { Logger } from "../logger";
import type { InverseCall } from "./define";
import { findAction, parseParams, withClient } from "./invoke";
import { openConnectionRow } from "./open-connection";

export interface RollbackRequest {
  actionId: string;
  actor: string;
  /** manual: a person clicked rollback; expiry: the expiry job. */
  reason: "manual" | "expiry";
  log: Logger;
  signal?: AbortSignal;
}

export interface RollbackResult {
  actionId: string;
  status: "rolled_back" | "expired";
  /** False when it was no longer active (already rolled back or expired); nothing was done. */
  performed: boolean;
}

async function loadActive(db: Db, actionId: string) {
  const [found] = await db
    .select({ action: containmentActions, connection: connections })
    .from(containmentActions)
    .innerJoin(connections, eq(connections.id, containmentActions.connectionId))
    .where(eq(containmentActions.id, actionId))
    .limit(1);
  return found;
}

export async function rollbackContainment(db: Db, req: RollbackRequest): Promise<RollbackResult> {
  const status = req.reason === "expiry" ? "expired" : "rolled_back";
  const found = await loadActive(db, req.actionId);
  if (!found) throw new AppError("NOT_FOUND", `containment action ${req.actionId} does not exist`);
  const { action: row, connection: connectionRow } = found;
  if (row.status !== "active") {
    if (req.reason === "expiry") return { actionId: row.id, status, performed: false };
    throw new AppError("CONFLICT", `${row.action} on ${row.target} is ${row.status.replace("_", " ")}, not active; there is nothing to roll back`);
  }
  const inverse = row.inverse as InverseCall | null;
  if (!inverse) throw new AppError("CONFLICT", `${row.action} on ${row.target} cannot be undone`);

  const connection = openConnectionRow({ ...connectionRow, enabled: true });
  const log = req.log.child({ connection: connection.name, actionId: row.id });
  const ctx = { signal: req.signal ?? new AbortController().signal, log };
  try {
    const inverseAction = findAction(connection, inverse.action);
    const params = parseParams(connection, inverse.action, inverseAction, inverse.params);
    await withClient(connection, ctx, (client) => inverseAction.run(client, params, ctx));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.transaction(async (tx) => {
      await tx.update(containmentActions).set({ error: `rollback failed: ${message}` }).where(eq(containmentActions.id, row.id));
      await appendAudit(tx, { actor: req.actor, action: "containment.rollback_failed", subject: `containment:${row.id}`, data: { connection: connection.name, inverse: inverse.action, target: row.target, error: message } });
    });
    throw new AppError("SERVICE_UNAVAILABLE", `rolling back ${row.action} on ${row.target} via "${connection.name}" failed: ${message}`, { cause: error });
  }

  const performed = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(containmentActions)
      .set({ status, rolledBackAt: new Date(), rolledBackBy: req.actor, error: null })
      .where(and(eq(containmentActions.id, row.id), eq(containmentActions.status, "active")))
      .returning({ id: containmentActions.id });
    if (!updated) return false; // someone else rolled it back meanwhile; their record stands
    const data = { actionId: row.id, connection: connection.name, action: row.action, inverse: inverse.action, target: row.target, reason: req.reason };
    await appendAudit(tx, { actor: req.actor, action: req.reason === "expiry" ? "containment.expire" : "containment.rollback", subject: `containment:${row.id}`, data });
    if (row.caseId) {
      const text = `${req.reason === "expiry" ? "Expired" : "Rolled back"}: ${row.action} ${row.target} via "${connection.name}" (${inverse.action})`;
      await addCaseEvent(tx, { caseId: row.caseId, actor: req.actor, kind: "containment_rolled_back", data: { ...data, text } });
    }
    return true;
  });
  return { actionId: row.id, status, performed };
}
