// Walks the audit chain in id order and reports the first row whose hash or link does not match.
import { asc, gt } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { auditLog } from "../db/schema";
import { auditHash, GENESIS_HASH } from "./hash";

export type AuditVerifyResult =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; brokenAt: number; reason: string };

export async function verifyAuditChain(db: DbOrTx, batchSize = 5_000): Promise<AuditVerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batchSize);
    if (batch.length === 0) return { ok: true, rows, lastHash: prevHash };
    for (const row of batch) {
      rows++;
      if (row.prevHash !== prevHash) return { ok: false, rows, brokenAt: row.id, reason: "prev_hash does not match the previous row's hash" };
      const expected = auditHash(prevHash, row);
      if (expected !== row.hash) return { ok: false, rows, brokenAt: row.id, reason: "hash does not match the row's content" };
      prevHash = row.hash;
      lastId = row.id;
    }
  }
}
