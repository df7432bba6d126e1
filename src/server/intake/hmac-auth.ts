// HMAC-signed webhooks: `X-Vigil-Signature: t=<unix seconds>,v1=<hex hmac_sha256(secret, t + "." + rawBody)>`.
// The timestamp must be within ±300 s of our clock; a signature is accepted once (webhook_nonces,
// written in the ingest transaction by store-alerts.ts, so a failed ingest can be retried).
import { createHmac } from "node:crypto";
import { safeEqual } from "./token-auth";

export const SIGNATURE_HEADER = "x-vigil-signature";
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

/** Parses `t=...,v1=...[,v1=...]`; undefined when the header is missing or malformed. */
export function parseSignatureHeader(header: string | null): ParsedSignature | undefined {
  if (!header || header.length > 1000) return undefined;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2) as [string, string | undefined];
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

export function computeSignature(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** The header value a sender computes; used by tests, the CLI's help text and docs. */
export function signatureHeader(secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export type HmacVerdict =
  | { ok: true; signature: string; expiresAt: Date }
  | { ok: false; reason: "missing_signature" | "stale_signature" | "bad_signature"; message: string };

export function verifyHmac(header: string | null, secret: string, body: Buffer, nowMs: number): HmacVerdict {
  const parsed = parseSignatureHeader(header);
  if (!parsed)
    return { ok: false, reason: "missing_signature", message: 'missing or malformed X-Vigil-Signature: send "t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body>"' };
  const skew = Math.abs(nowMs / 1000 - parsed.timestamp);
  if (skew > SIGNATURE_TOLERANCE_SECONDS)
    return { ok: false, reason: "stale_signature", message: `signature timestamp is ${Math.round(skew)} s away from our clock; the limit is ±${SIGNATURE_TOLERANCE_SECONDS} s` };
  const expected = computeSignature(secret, parsed.timestamp, body);
  // Compare every candidate (no early exit) so timing does not tell which one was close.
  let match: string | undefined;
  for (const candidate of parsed.signatures) if (safeEqual(candidate, expected)) match = candidate;
  if (!match) return { ok: false, reason: "bad_signature", message: "signature does not match the body: sign t + \".\" + the raw body with the source secret" };
  return { ok: true, signature: match, expiresAt: new Date((parsed.timestamp + SIGNATURE_TOLERANCE_SECONDS) * 1000) };
}
