// When to retry an outbound request and how long to wait: 429 and 5xx (except 501) and network
// errors are retried with exponential backoff and jitter; Retry-After (seconds or HTTP date) and
// Okta's X-Rate-Limit-Reset (epoch seconds) override the backoff.
import type { IncomingHttpHeaders } from "node:http";

export const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_SOCKET", "ETIMEOUT"]);

export function isRetryableNetworkError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return typeof code === "string" && RETRYABLE_CODES.has(code);
}

/** The wait a response asks for, in ms, or undefined when it names none. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const header = headers["retry-after"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && value.trim() !== "") {
    if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers["x-rate-limit-reset"];
  const resetValue = Array.isArray(reset) ? reset[0] : reset;
  if (resetValue && /^\d+$/.test(resetValue)) return Math.max(0, Number(resetValue) * 1000 - now);
  return undefined;
}

/** Exponential backoff with full jitter: a random wait in [base/2, base * 2^(attempt-1)]. */
export function backoffDelayMs(attempt: number, baseMs: number, random = Math.random): number {
  const ceiling = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(baseMs / 2 + random() * (ceiling - baseMs / 2));
}
