// Audit trail export as JSON lines for a SIEM: one row per line, in chain order, read in batches
// by id so memory stays flat however long the trail is. Each line carries prevHash and hash, so
// the receiver can verify the chain itself (audit/hash.ts says how).
import { and, asc, gt, gte, lt } from "drizzle-orm";
import type { Writable } from "node:stream";
import { once } from "node:events";
import type { DbOrTx } from "../db/client";
import { auditLog } from "../db/schema";

export interface AuditExportOptions {
  /** Only rows at or after this time. (Default: the beginning) */
  since?: Date;
  /** Only rows before this time. (Default: now) */
  until?: Date;
  /** Rows read per query. (Default: 1000) */
  batchSize?: number;
}

export async function* auditLines(db: DbOrTx, opts: AuditExportOptions = {}): AsyncGenerator<string> {
  let lastId = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, lastId), opts.since ? gte(auditLog.at, opts.since) : undefined, opts.until ? lt(auditLog.at, opts.until) : undefined))
      .orderBy(asc(auditLog.id))
      .limit(opts.batchSize ?? 1000);
    for (const row of batch) {
      yield JSON.stringify({ id: row.id, at: row.at.toISOString(), actor: row.actor, action: row.action, subject: row.subject, data: row.data, prevHash: row.prevHash, hash: row.hash }) + "\n";
      lastId = row.id;
    }
    if (batch.length < (opts.batchSize ?? 1000)) return;
  }
}

/** Writes the export to a stream, waiting when it is full. Returns the number of rows written. */
export async function writeAuditExport(db: DbOrTx, out: Writable, opts: AuditExportOptions = {}): Promise<number> {
  let rows = 0;
  for await (const line of auditLines(db, opts)) {
    if (!out.write(line)) await once(out, "drain");
    rows++;
  }
  return rows;
}
