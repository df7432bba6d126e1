// Read side of the ledger for the containment page and the case page: active actions (what is
// in force now, soonest expiry first) and recent history.
import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { cases, connections, containmentActions } from "../db/schema";

export const listContainmentInput = z.object({
  /** active: in force and undoable; all: everything, newest first. (Default: active) */
  view: z.enum(["active", "all"]).default("active"),
  caseId: z.string().uuid().optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export type ListContainmentInput = z.input<typeof listContainmentInput>;

export async function listContainment(db: DbOrTx, raw: ListContainmentInput = {}) {
  const input = listContainmentInput.parse(raw);
  const filters: SQL[] = [];
  if (input.view === "active") filters.push(eq(containmentActions.status, "active"));
  if (input.caseId) filters.push(eq(containmentActions.caseId, input.caseId));
  const rows = await db
    .select({
      id: containmentActions.id,
      action: containmentActions.action,
      target: containmentActions.target,
      status: containmentActions.status,
      inverse: containmentActions.inverse,
      error: containmentActions.error,
      createdBy: containmentActions.createdBy,
      createdAt: containmentActions.createdAt,
      expiresAt: containmentActions.expiresAt,
      rolledBackAt: containmentActions.rolledBackAt,
      rolledBackBy: containmentActions.rolledBackBy,
      runId: containmentActions.runId,
      caseId: containmentActions.caseId,
      caseNumber: cases.number,
      connectionName: connections.name,
      integration: connections.integration,
    })
    .from(containmentActions)
    .innerJoin(connections, eq(connections.id, containmentActions.connectionId))
    .leftJoin(cases, eq(cases.id, containmentActions.caseId))
    .where(and(...filters))
    .orderBy(...(input.view === "active" ? [asc(containmentActions.expiresAt), desc(containmentActions.createdAt)] : [desc(containmentActions.createdAt)]))
    .limit(input.limit);
  return rows.map(({ inverse, ...r }) => ({ ...r, inverseAction: (inverse as { action?: string } | null)?.action ?? null }));
}
