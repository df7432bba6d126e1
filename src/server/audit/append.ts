// Appends to the audit trail inside the caller's transaction, so the audit row commits (or not)
// together with the change it describes. A transaction-scoped advisory lock keeps the chain linear.
import { desc, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { auditLog } from "../db/schema";
import { auditHash, GENESIS_HASH } from "./hash";
import { redactSecrets } from "./redact";

const AUDIT_CHAIN_LOCK = 7_411_002;

export interface AuditEntry {
  /** Who did it: "user:<uuid>", "system", "playbook:<runId>", "cli". */
  actor: string;
  /** What happened, dotted: "case.assign", "user.create", "approval.decide". */
  action: string;
  /** What it happened to: "case:<uuid>", "user:<uuid>", ... */
  subject: string;
  data?: Record<string, unknown>;
}

export async function appendAudit(tx: DbOrTx, entry: AuditEntry): Promise<{ id: number; hash: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision so the timestamp round-trips through Postgres exactly.
  const at = new Date(Math.floor(Date.now()));
  // Hash exactly what jsonb will hold (a Date becomes its ISO string, undefined disappears).
  const data = JSON.parse(JSON.stringify(redactSecrets(entry.data ?? {}))) as Record<string, unknown>;
  const hash = auditHash(prevHash, { at, actor: entry.actor, action: entry.action, subject: entry.subject, data });
  const [row] = await tx
    .insert(auditLog)
    .values({ at, actor: entry.actor, action: entry.action, subject: entry.subject, data, prevHash, hash })
    .returning({ id: auditLog.id });
  return { id: row!.id, hash };
}
