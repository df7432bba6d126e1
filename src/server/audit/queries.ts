// Read side of the audit trail for the audit page: filtered, newest first, keyset-paginated by id,
// with "user:<uuid>" actors and subjects resolved to names; and the list of distinct actions.
import { and, desc, eq, gte, inArray, like, lt, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { auditLog, users } from "../db/schema";

export const listAuditInput = z.object({
  /** Exact action ("case.assign") or a prefix ending in "." ("case."). */
  action: z.string().trim().max(100).optional(),
  /** Exact actor ("user:<uuid>", "system", "cli", "source:<slug>"). */
  actor: z.string().trim().max(200).optional(),
  /** Exact subject ("case:<uuid>") or a prefix ending in ":" ("user:"). */
  subject: z.string().trim().max(200).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.number().int().positive().nullish(),
});
export type ListAuditInput = z.input<typeof listAuditInput>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const exactOrPrefix = (column: typeof auditLog.action | typeof auditLog.subject, value: string, sep: string) =>
  value.endsWith(sep) ? like(column, `${escapeLike(value)}%`) : eq(column, value);

const USER_REF = /^user:([0-9a-f-]{36})$/;

export async function listAudit(db: DbOrTx, raw: ListAuditInput) {
  const input = listAuditInput.parse(raw);
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        input.action ? exactOrPrefix(auditLog.action, input.action, ".") : undefined,
        input.actor ? eq(auditLog.actor, input.actor) : undefined,
        input.subject ? exactOrPrefix(auditLog.subject, input.subject, ":") : undefined,
        input.from ? gte(auditLog.at, input.from) : undefined,
        input.to ? lte(auditLog.at, input.to) : undefined,
        input.cursor ? lt(auditLog.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const ids = new Set<string>();
  for (const r of items) for (const ref of [r.actor, r.subject]) ids.add(USER_REF.exec(ref)?.[1] ?? "");
  ids.delete("");
  const names = ids.size ? await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, [...ids])) : [];
  return {
    items,
    names: Object.fromEntries(names.map((u) => [`user:${u.id}`, `${u.name} <${u.email}>`])),
    nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null,
  };
}

/** Distinct actions by a loose index scan over (action, at): one index probe per action. */
export async function listAuditActions(db: DbOrTx): Promise<string[]> {
  const result = await db.execute<{ action: string }>(sql`
    with recursive a(action) as (
      (select action from ${auditLog} order by action limit 1)
      union all
      select (select l.action from ${auditLog} l where l.action > a.action order by l.action limit 1) from a where a.action is not null
    )
    select action from a where action is not null`);
  return result.rows.map((r) => r.action);
}
