// The dead letter: authenticated requests we could not accept are kept with the reason, so an
// admin can inspect them and replay them once the source mapping is fixed. Unauthenticated,
// replayed and rate-limited ones only bump a counter (intake/rate-limit.ts).
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { ingestFailures, intakeCounters } from "../db/schema";
import { AppError } from "../errors";

const KEPT_HEADERS = ["content-type", "content-length", "user-agent", "x-forwarded-for", "x-request-id", "x-okta-request-id"];

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

export const listIngestFailuresInput = z.object({
  sourceSlug: z.string().max(64).optional(),
  /** Only those not replayed successfully yet. (Default: false) */
  pendingOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.object({ receivedAt: z.date(), id: z.string().uuid() }).nullish(),
});

const PREVIEW_BYTES = 2048;

/** Newest first, with a short text preview of each body (the page asks for the full body by id). */
export async function listIngestFailures(db: DbOrTx, raw: z.input<typeof listIngestFailuresInput>) {
  const input = listIngestFailuresInput.parse(raw);
  const rows = await db
    .select({
      id: ingestFailures.id,
      sourceSlug: ingestFailures.sourceSlug,
      receivedAt: ingestFailures.receivedAt,
      statusCode: ingestFailures.statusCode,
      reason: ingestFailures.reason,
      headers: ingestFailures.headers,
      size: sql<number>`octet_length(${ingestFailures.body})`,
      preview: sql<Buffer>`substring(${ingestFailures.body} from 1 for ${PREVIEW_BYTES})`,
      replayedAt: ingestFailures.replayedAt,
      replayResult: ingestFailures.replayResult,
    })
    .from(ingestFailures)
    .where(
      and(
        input.sourceSlug ? eq(ingestFailures.sourceSlug, input.sourceSlug) : undefined,
        input.pendingOnly ? or(isNull(ingestFailures.replayedAt), sql`(${ingestFailures.replayResult} ->> 'ok')::boolean is not true`) : undefined,
        input.cursor
          ? or(lt(ingestFailures.receivedAt, input.cursor.receivedAt), and(eq(ingestFailures.receivedAt, input.cursor.receivedAt), lt(ingestFailures.id, input.cursor.id)))
          : undefined,
      ),
    )
    .orderBy(desc(ingestFailures.receivedAt), desc(ingestFailures.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(({ preview, ...r }) => ({ ...r, size: Number(r.size), preview: Buffer.from(preview).toString("utf8") }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? { receivedAt: last.receivedAt, id: last.id } : null };
}

/** One failure with its body as text (at most 256 KiB of it). */
export async function getIngestFailure(db: DbOrTx, id: string) {
  const [row] = await db.select().from(ingestFailures).where(eq(ingestFailures.id, id));
  if (!row) throw new AppError("NOT_FOUND", `ingest failure ${id} not found`);
  const { body, ...rest } = row;
  return { ...rest, size: body.length, body: body.subarray(0, 256 * 1024).toString("utf8"), truncated: body.length > 256 * 1024 };
}

/** Rejections that are only counted (unauthenticated, replayed, rate limited, unknown source). */
export async function listIntakeCounters(db: DbOrTx) {
  return db.select().from(intakeCounters).orderBy(desc(intakeCounters.lastAt)).limit(200);
}
