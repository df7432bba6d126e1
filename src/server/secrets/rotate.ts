// `vigil secrets rotate`: re-seals every stored secret that is not under the current key, in
// batches of short transactions (rows locked while re-sealed, so a concurrent edit waits, not lost).
// Idempotent: an interrupted run is finished by running it again. Before writing anything it
// checks that every old value's key is in the keyring, so a missing key fails fast and cleanly.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { appendAudit } from "../audit/append";
import { envelopeKeyId, open, seal } from "./envelope";
import { keyId, keyring, openingKeys, SecretKeyError, type Keyring } from "./keyring";
import { SEALED_COLUMNS, sealedColumnName, type SealedColumn } from "./sealed-columns";

export interface RotationResult {
  keyId: string;
  resealed: { column: string; count: number }[];
}

/** Key ids found under each sealed column that are not the current key. */
export async function staleKeyIds(db: Db, currentId: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const c of SEALED_COLUMNS) {
    const rows = await db.execute<{ kid: string }>(
      sql`select distinct split_part(${sql.identifier(c.column)}, '.', 2) as kid from ${sql.identifier(c.table)}
          where ${sql.identifier(c.column)} is not null and split_part(${sql.identifier(c.column)}, '.', 2) <> ${currentId}`,
    );
    if (rows.rows.length) found.set(sealedColumnName(c), rows.rows.map((r) => r.kid));
  }
  return found;
}

export async function rotateSecrets(db: Db, actor: string, ring: Keyring = keyring(), batchSize = 200): Promise<RotationResult> {
  const currentId = keyId(ring.current);
  const known = new Set(openingKeys(ring).map(keyId));
  for (const [column, kids] of await staleKeyIds(db, currentId)) {
    const missing = kids.filter((k) => !known.has(k));
    if (missing.length)
      throw new SecretKeyError(`${column} holds values sealed with key ${missing.join(", ")}, which is not configured: add it to VIGIL_SECRET_KEY_PREVIOUS (or secret.key.previous) and run again`);
  }
  const resealed: RotationResult["resealed"] = [];
  for (const c of SEALED_COLUMNS) resealed.push({ column: sealedColumnName(c), count: await resealColumn(db, c, ring, batchSize) });
  await db.transaction((tx) => appendAudit(tx, { actor, action: "secrets.rotate", subject: "secrets", data: { keyId: currentId, resealed } }));
  return { keyId: currentId, resealed };
}

async function resealColumn(db: Db, c: SealedColumn, ring: Keyring, batchSize: number): Promise<number> {
  const currentId = keyId(ring.current);
  const keys = openingKeys(ring);
  const [table, column, id] = [sql.identifier(c.table), sql.identifier(c.column), sql.identifier(c.id)];
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const batch = await tx.execute<{ id: string; value: string }>(
        sql`select ${id} as id, ${column} as value from ${table}
            where ${column} is not null and split_part(${column}, '.', 2) <> ${currentId}
            order by ${id} limit ${batchSize} for update`,
      );
      for (const row of batch.rows) {
        if (envelopeKeyId(row.value) === currentId) continue;
        let plaintext: string;
        try {
          plaintext = open(row.value, keys);
        } catch (e) {
          throw new SecretKeyError(`${sealedColumnName(c)} of row ${row.id} cannot be opened (${(e as Error).message}); nothing in this batch was changed`);
        }
        await tx.execute(sql`update ${table} set ${column} = ${seal(plaintext, ring.current)} where ${id} = ${row.id}`);
      }
      total += batch.rows.length;
      return batch.rows.length < batchSize;
    });
    if (done) return total;
  }
}
