// POST /api/webhooks/{source}: authenticate, limit, parse, normalize and store. Answers 202 only
// after the alert, its case link and its jobs have committed; 503 when Postgres is unreachable
// so the sender retries; 4xx with a message naming the problem for anything malformed.
import type { Db } from "../db/client";
import { env } from "../env";
import { AppError, isAppError, isDatabaseUnavailable } from "../errors";
import { logger } from "../logger";
import { open } from "../secrets/envelope";
import { normalizeAlerts } from "../alerts/normalize";
import { ParseError } from "../alerts/types";
import { countRejection, keptHeaders, recordIngestFailure } from "./failures";
import { parseJsonBody } from "./json-body";
import { readBodyLimited } from "./read-body";
import { findSourceBySlug } from "./sources";
import { storeAlerts } from "./store-alerts";
import { verifyBearer } from "./token-auth";

export interface IngestResult {
  alertIds: string[];
  caseId: string | null;
  caseIds: string[];
  duplicate: boolean;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json");
}

export async function handleWebhook(db: Db, req: Request, slug: string): Promise<Response> {
  const limits = { maxBytes: env().VIGIL_MAX_BODY_BYTES, maxDepth: env().VIGIL_MAX_JSON_DEPTH };
  let body: Buffer | undefined;
  let authenticated = false;
  try {
    const source = await findSourceBySlug(db, slug);
    if (!source) throw new AppError("NOT_FOUND", `no alert source "${slug.slice(0, 64)}"`);
    if (!verifyBearer(req, open(source.secretCiphertext))) {
      await countRejection(db, slug, "unauthenticated");
      throw new AppError("UNAUTHORIZED", "missing or wrong credentials: send Authorization: Bearer <source token>");
    }
    authenticated = true;
    if (!source.enabled) throw new AppError("FORBIDDEN", `alert source "${slug}" is disabled`);
    if (!isJsonContentType(req.headers.get("content-type")))
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", `content-type must be application/json, got "${(req.headers.get("content-type") ?? "none").slice(0, 80)}"`);
    body = await readBodyLimited(req, limits.maxBytes);
    const payload = parseJsonBody(body, limits.maxDepth);
    let batch;
    try {
      batch = normalizeAlerts(source.kind, payload, { receivedAt: new Date(), mapping: source.mapping });
    } catch (e) {
      if (e instanceof ParseError) throw new AppError("BAD_REQUEST", e.message, { cause: e });
      throw e;
    }
    const stored = await storeAlerts(db, { id: source.id, slug: source.slug, kind: source.kind }, batch);
    const caseIds = [...new Set(stored.map((s) => s.caseId).filter((c): c is string => c !== null))];
    const result: IngestResult = {
      alertIds: stored.map((s) => s.alertId),
      caseId: caseIds[0] ?? null,
      caseIds,
      duplicate: stored.every((s) => s.duplicate),
    };
    return json(202, result);
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      logger().warn({ source: slug }, "webhook refused: database unavailable");
      return json(503, { error: "database unavailable; retry later" }, { "retry-after": "5" });
    }
    if (!isAppError(error)) {
      logger().error({ err: error, source: slug }, "webhook failed");
      // Keep the body: an unexpected failure must never lose an authenticated alert silently.
      if (authenticated) await keepFailure(db, req, slug, 500, `internal error: ${(error as Error).message}`, body);
      return json(500, { error: "internal error; the request was kept for inspection" });
    }
    if (authenticated && error.status !== 503) await keepFailure(db, req, slug, error.status, error.message, body);
    return json(error.status, { error: error.message }, error.headers);
  }
}

async function keepFailure(db: Db, req: Request, slug: string, statusCode: number, reason: string, body: Buffer | undefined) {
  try {
    await recordIngestFailure(db, { sourceSlug: slug, statusCode, reason, headers: keptHeaders(req), body: body ?? Buffer.alloc(0) });
  } catch (e) {
    logger().error({ err: e, source: slug }, "could not record an ingest failure");
  }
}
