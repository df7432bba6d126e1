// The hash chain of the audit trail: each row's hash is SHA-256 over the previous hash and a
// canonical JSON form of the row, so reordering keys or editing any field breaks the chain.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditFields {
  at: Date;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditHash(prevHash: string, row: AuditFields): string {
  const body = canonicalJson({ at: row.at.toISOString(), actor: row.actor, action: row.action, subject: row.subject, data: row.data });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
