// Replay protection for HMAC-signed webhooks: each accepted signature is recorded once per source.
// The insert happens in the ingest transaction, so a request whose ingest failed can be retried.
import { and, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { webhookNonces } from "../db/schema";
import { AppError } from "../errors";

export const REPLAY_MESSAGE = "this signature was already used (replay): sign every delivery with a fresh timestamp";

/** Cheap early refusal outside the transaction; recordNonce is the authoritative check. */
export async function isNonceUsed(db: DbOrTx, sourceId: string, signature: string): Promise<boolean> {
  const rows = await db
    .select({ signature: webhookNonces.signature })
    .from(webhookNonces)
    .where(and(eq(webhookNonces.sourceId, sourceId), eq(webhookNonces.signature, signature), gt(webhookNonces.expiresAt, new Date())))
    .limit(1);
  return rows.length > 0;
}

/** Records a signature; a concurrent or earlier use of it makes this throw 401 (the caller rolls back). */
export async function recordNonce(tx: DbOrTx, sourceId: string, nonce: { signature: string; expiresAt: Date }): Promise<void> {
  const inserted = await tx
    .insert(webhookNonces)
    .values({ sourceId, signature: nonce.signature, expiresAt: nonce.expiresAt })
    .onConflictDoNothing()
    .returning({ signature: webhookNonces.signature });
  if (inserted.length === 0) throw new AppError("UNAUTHORIZED", REPLAY_MESSAGE);
}
