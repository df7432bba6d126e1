// POST /api/webhooks/{source}: authenticate, rate-limit, read, parse, normalize and store. Answers
// 2xx only after the alert, its case link and its jobs have committed; 503 when Postgres is
// unreachable so the sender retries; 4xx with a message naming the problem for anything else.
// Unauthenticated, replayed and rate-limited requests only bump a counter; other rejected bodies
// of authenticated senders are kept in ingest_failures for inspection and replay.
import type { Db } from "../db/client";
import { env } from "../env";
import { AppError, isAppError, isDatabaseUnavailable } from "../errors";
import { logger } from "../logger";
import { open } from "../secrets/envelope";
import { keptHeaders, recordIngestFailure } from "./failures";
import { verifyHmac, SIGNATURE_HEADER } from "./hmac-auth";
import { ingestBody } from "./ingest-body";
import { oktaChallenge, verifyOktaAuthorization } from "./okta-auth";
import { intakeMeter, type IntakeMeter } from "./rate-limit";
import { readBodyLimited } from "./read-body";
import { isNonceUsed, REPLAY_MESSAGE } from "./nonces";
import { cachedConfig } from "./config-cache";
import { findSourceBySlug } from "./sources";
import { verifyBearer } from "./token-auth";

export type { IngestResult } from "./ingest-body";

export interface WebhookOptions {
  /** The process's meter for this db (rate limits, counters). */
  meter?: IntakeMeter;
  /** Clock, for signature windows. (Default: Date.now()) */
  now?: number;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A rejection that stores nothing but a counter (reason is the counter's name). */
class Refusal extends AppError {
  constructor(
    code: "UNAUTHORIZED" | "TOO_MANY_REQUESTS" | "NOT_FOUND",
    message: string,
    readonly reason: string,
    headers: Record<string, string> = {},
  ) {
    super(code, message, { headers });
  }
}

const AUTH_HELP: Record<string, string> = {
  token: "send Authorization: Bearer <source token>",
  okta: "configure the Okta event hook with an Authorization header holding the source secret",
  hmac: `send ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + body>`,
};

/** True when Postgres refused a value of the payload (bad encoding, too large for an index...). */
function isDataRejection(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++)
    if (typeof e.code === "string" && /^(22|54)[0-9A-Z]{3}$/.test(e.code)) return true;
  return false;
}

type SourceRow = NonNullable<Awaited<ReturnType<typeof findSourceBySlug>>>;

/** The source and its opened secret, cached for about a second (config-cache.ts). */
async function loadSource(db: Db, slug: string, meter: IntakeMeter): Promise<{ source: SourceRow; secret: () => string }> {
  const found = await cachedConfig(
    db,
    `source:${slug}`,
    async () => {
      const source = await findSourceBySlug(db, slug);
      if (!source) return undefined;
      let secret: string | undefined; // opened on first use, once per cached row
      return { source, secret: () => (secret ??= open(source.secretCiphertext)) };
    },
    (v) => v !== undefined,
  );
  if (!found) {
    meter.countRejection("*", "unknown_source"); // one counter: unknown slugs are unbounded
    throw new Refusal("NOT_FOUND", `no alert source "${slug.slice(0, 64)}"`, "unknown_source");
  }
  return found;
}

function unauthenticated(auth: string, reason: string, message?: string): Refusal {
  return new Refusal("UNAUTHORIZED", message ?? `missing or wrong credentials: ${AUTH_HELP[auth] ?? AUTH_HELP.token}`, reason);
}

export async function handleWebhook(db: Db, req: Request, slug: string, options: WebhookOptions = {}): Promise<Response> {
  const meter = options.meter ?? intakeMeter(db);
  const now = options.now ?? Date.now();
  const maxBytes = env().VIGIL_MAX_BODY_BYTES;
  let body: Buffer | undefined;
  let authenticated = false;
  let sourceSlug = slug;
  try {
    const { source, secret: openSecret } = await loadSource(db, slug, meter);
    sourceSlug = source.slug;
    const secret = openSecret();
    let nonce: { signature: string; expiresAt: Date } | undefined;
    if (source.auth === "hmac") {
      body = await readBodyLimited(req, maxBytes); // the signature covers the body
      const verdict = verifyHmac(req.headers.get(SIGNATURE_HEADER), secret, body, now);
      if (!verdict.ok) throw unauthenticated("hmac", verdict.reason, verdict.message);
      if (await isNonceUsed(db, source.id, verdict.signature)) throw unauthenticated("hmac", "replayed", REPLAY_MESSAGE);
      nonce = { signature: verdict.signature, expiresAt: verdict.expiresAt };
    } else if (source.auth === "okta" ? !verifyOktaAuthorization(req, secret) : !verifyBearer(req, secret)) {
      throw unauthenticated(source.auth, "unauthenticated");
    }
    const admission = await meter.admit(source.id, source.rateLimitPerMinute ?? env().VIGIL_SOURCE_RATE_LIMIT_PER_MINUTE, now);
    if (!admission.ok)
      throw new Refusal("TOO_MANY_REQUESTS", `alert source "${source.slug}" is over its rate limit; retry in ${admission.retryAfterSeconds} s`, "rate_limited", { "retry-after": String(admission.retryAfterSeconds) });
    authenticated = true;
    body ??= await readBodyLimited(req, maxBytes);
    if (!source.enabled) throw new AppError("FORBIDDEN", `alert source "${source.slug}" is disabled; an admin can enable it in Settings → Sources`);
    const result = await ingestBody(db, source, { body, contentType: req.headers.get("content-type"), receivedAt: new Date(now), nonce });
    // Okta documents 200/204 as the answers it expects to event deliveries.
    return json(source.auth === "okta" ? 200 : 202, result);
  } catch (error) {
    return failureResponse(db, req, { slug: sourceSlug, meter, authenticated, body }, error);
  }
}

async function failureResponse(db: Db, req: Request, at: { slug: string; meter: IntakeMeter; authenticated: boolean; body?: Buffer }, error: unknown): Promise<Response> {
  if (isDatabaseUnavailable(error)) {
    logger().warn({ source: at.slug }, "webhook refused: database unavailable");
    return json(503, { error: "database unavailable; retry later" }, { "retry-after": "5" });
  }
  if (error instanceof Refusal || (isAppError(error) && error.status === 401)) {
    if (!(error instanceof Refusal && error.reason === "unknown_source")) at.meter.countRejection(at.slug, error instanceof Refusal ? error.reason : "replayed");
    return json(error.status, { error: error.message }, error.headers);
  }
  let status: number;
  let message: string;
  if (isAppError(error)) [status, message] = [error.status, error.message];
  else if (isDataRejection(error)) [status, message] = [400, `the database refused a value of this payload: ${(error as Error).message}`.slice(0, 500)];
  else {
    logger().error({ err: error, source: at.slug }, "webhook failed");
    [status, message] = [500, "internal error; the request was kept for inspection"];
  }
  // An authenticated sender's body is never lost silently: it goes to the dead letter.
  if (at.authenticated) await keepFailure(db, req, at.slug, status, status === 500 ? `internal error: ${(error as Error).message}` : message, at.body);
  return json(status, { error: message });
}

async function keepFailure(db: Db, req: Request, slug: string, statusCode: number, reason: string, body: Buffer | undefined) {
  try {
    await recordIngestFailure(db, { sourceSlug: slug, statusCode, reason, headers: keptHeaders(req), body: body ?? Buffer.alloc(0) });
  } catch (e) {
    logger().error({ err: e, source: slug }, "could not record an ingest failure");
  }
}

/** GET /api/webhooks/{source}: Okta's one-time verification; other sources only take POST. */
export async function handleWebhookVerification(db: Db, req: Request, slug: string, options: WebhookOptions = {}): Promise<Response> {
  const meter = options.meter ?? intakeMeter(db);
  try {
    const { source, secret } = await loadSource(db, slug, meter);
    if (source.auth !== "okta") return json(405, { error: "this webhook only accepts POST" }, { allow: "POST" });
    if (!verifyOktaAuthorization(req, secret())) throw unauthenticated("okta", "unauthenticated");
    const challenge = oktaChallenge(req);
    if (!challenge) return json(400, { error: "missing X-Okta-Verification-Challenge header" });
    return json(200, { verification: challenge });
  } catch (error) {
    return failureResponse(db, req, { slug, meter, authenticated: false }, error);
  }
}
