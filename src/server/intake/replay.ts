// Replays a kept ingest failure through today's source settings (e.g. after an admin fixed the
// generic field mapping). Authentication is not repeated: the sender was authenticated when the
// body arrived. The outcome is stored on the failure row and audited, in one transaction.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { ingestFailures } from "../db/schema";
import { AppError, isAppError } from "../errors";
import { appendAudit } from "../audit/append";
import { ingestBody, type IngestResult } from "./ingest-body";
import { findSourceBySlug } from "./sources";

export async function replayIngestFailure(db: Db, actor: { id: string; ref: string }, failureId: string): Promise<IngestResult> {
  const outcome = await db.transaction(async (tx) => {
    const [failure] = await tx.select().from(ingestFailures).where(eq(ingestFailures.id, failureId)).for("update");
    if (!failure) throw new AppError("NOT_FOUND", `ingest failure ${failureId} not found`);
    if ((failure.replayResult as { ok?: boolean } | null)?.ok) throw new AppError("CONFLICT", "this failure was already replayed successfully");
    const source = await findSourceBySlug(tx, failure.sourceSlug);
    if (!source) throw new AppError("NOT_FOUND", `alert source "${failure.sourceSlug}" no longer exists`);
    if (!source.enabled) throw new AppError("CONFLICT", `alert source "${source.slug}" is disabled; enable it before replaying`);
    if (failure.body.length === 0) throw new AppError("CONFLICT", "this failure kept no body (it was refused before the body was read); ask the sender to resend");
    let result: IngestResult | undefined;
    let error: AppError | undefined;
    try {
      result = await ingestBody(tx, source, { body: failure.body, contentType: failure.headers["content-type"], receivedAt: failure.receivedAt });
    } catch (e) {
      if (!isAppError(e)) throw e;
      error = e;
    }
    const replayResult = result ? { ok: true, ...result } : { ok: false, error: error!.message };
    await tx.update(ingestFailures).set({ replayedAt: new Date(), replayedBy: actor.id, replayResult }).where(eq(ingestFailures.id, failureId));
    await appendAudit(tx, { actor: actor.ref, action: "ingest_failure.replay", subject: `ingest_failure:${failureId}`, data: { source: source.slug, ...replayResult } });
    return { result, error };
  });
  if (outcome.error) throw outcome.error;
  return outcome.result!;
}
