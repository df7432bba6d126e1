// From an accepted request body to stored alerts: content type, JSON limits, normalization and
// the one store transaction. Shared by the webhook and by the replay of a kept failure.
import type { DbOrTx } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { normalizeAlerts } from "../alerts/normalize";
import { ParseError, type NormalizedAlert } from "../alerts/types";
import { isIrrelevantPayload } from "../alerts/irrelevant";
import { parserFor } from "../alerts/sources";
import { parseJsonBody } from "./json-body";
import { pgSafeJson } from "./pg-safe";
import { storeAlerts, type StoreOptions } from "./store-alerts";

export interface IntakeSource {
  id: string;
  slug: string;
  kind: string;
  mapping: Record<string, unknown> | null;
}

export interface IngestResult {
  alertIds: string[];
  caseId: string | null;
  caseIds: string[];
  duplicate: boolean;
  /** Set when the payload was well formed but held nothing to alert on (e.g. routine Okta events). */
  ignored?: { reason: string; items: readonly string[] };
}

/** Whether a source of this kind may post plain text (CEF lines); "auto" may, since CEF detects text. */
function acceptsText(kind: string): boolean {
  return kind === "auto" || parserFor(kind)?.acceptsText === true;
}

function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function isJsonMediaType(type: string): boolean {
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** The payload of a body: JSON (depth-limited), or text for kinds that accept it. 400/415 otherwise. */
export function payloadOf(kind: string, body: Buffer, contentType: string | null | undefined, maxDepth = env().VIGIL_MAX_JSON_DEPTH) {
  const type = mediaType(contentType);
  if (isJsonMediaType(type)) return parseJsonBody(body, maxDepth);
  if (type === "text/plain" && acceptsText(kind)) {
    const text = body.toString("utf8");
    if (!text.trim()) throw new AppError("BAD_REQUEST", "body is empty; expected CEF text");
    return { payload: text, lossy: false };
  }
  const accepted = acceptsText(kind) ? "application/json or text/plain" : "application/json";
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", `content-type must be ${accepted}, got "${(contentType || "none").slice(0, 80)}"`);
}

/** Runs the source's parser. Any parser failure is the sender's payload problem (4xx), never a 5xx. */
export function normalizeOrReject(source: IntakeSource, payload: unknown, receivedAt: Date): NormalizedAlert[] {
  try {
    return normalizeAlerts(source.kind, payload, { receivedAt, mapping: source.mapping });
  } catch (e) {
    if (e instanceof ParseError) throw new AppError("BAD_REQUEST", e.message, { cause: e });
    logger().error({ err: e, source: source.slug, kind: source.kind }, "parser failed on a payload");
    throw new AppError("UNPROCESSABLE_CONTENT", `the ${source.kind} parser could not read this payload: ${(e as Error).message}`.slice(0, 500), { cause: e });
  }
}

export async function ingestBody(
  db: DbOrTx,
  source: IntakeSource,
  request: { body: Buffer; contentType: string | null | undefined; receivedAt: Date; nonce?: StoreOptions["nonce"] },
): Promise<IngestResult> {
  const parsed = payloadOf(source.kind, request.body, request.contentType);
  const safe = pgSafeJson(parsed.payload);
  let batch: NormalizedAlert[];
  try {
    batch = normalizeOrReject(source, safe.value, request.receivedAt);
  } catch (e) {
    // Nothing to alert on is not the sender's mistake: 2xx, nothing stored, nothing to retry.
    const cause = (e as AppError).cause;
    if (isIrrelevantPayload(cause)) return { alertIds: [], caseId: null, caseIds: [], duplicate: false, ignored: { reason: cause.message, items: cause.ignored } };
    throw e;
  }
  const rawBody = parsed.lossy || safe.changed ? request.body : null;
  const stored = await storeAlerts(db, source, batch, { nonce: request.nonce, rawBody });
  const caseIds = [...new Set(stored.map((s) => s.caseId).filter((c): c is string => c !== null))];
  return { alertIds: stored.map((s) => s.alertId), caseId: caseIds[0] ?? null, caseIds, duplicate: stored.every((s) => s.duplicate) };
}
