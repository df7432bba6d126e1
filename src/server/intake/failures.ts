// The dead letter: authenticated requests we could not accept are kept with the reason, so an
// admin can inspect them and replay them once the source mapping is fixed. Unauthenticated ones
// only bump a counter (we never store what an unknown sender pushes at us).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { ingestFailures, intakeCounters } from "../db/schema";

const KEPT_HEADERS = ["content-type", "content-length", "user-agent", "x-forwarded-for", "x-request-id"];

export function keptHeaders(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = req.headers.get(name);
    if (v) out[name] = v.slice(0, 500);
  }
  return out;
}

export async function recordIngestFailure(db: DbOrTx, failure: { sourceSlug: string; statusCode: number; reason: string; headers: Record<string, string>; body: Buffer }) {
  const [row] = await db.insert(ingestFailures).values(failure).returning({ id: ingestFailures.id });
  return row!.id;
}

export async function countRejection(db: DbOrTx, sourceSlug: string, reason: string): Promise<void> {
  await db
    .insert(intakeCounters)
    .values({ sourceSlug: sourceSlug.slice(0, 100), reason, count: 1 })
    .onConflictDoUpdate({ target: [intakeCounters.sourceSlug, intakeCounters.reason], set: { count: sql`${intakeCounters.count} + 1`, lastAt: sql`now()` } });
}
