// Turns an enrichment provider's HTTP failure into an IntegrationError that says what to do:
// a refused key, a used-up quota (code "rate_limited", which the quota keeper records), or else.
import { IntegrationError } from "../integrations/errors";
import { HttpError } from "../integrations/http/client";

export function providerError(provider: string, e: unknown, detailOf: (body: unknown) => string): Error {
  if (!(e instanceof HttpError)) return e as Error;
  const detail = detailOf(e.body) || `HTTP ${e.status}`;
  if (e.status === 401 || e.status === 403) return new IntegrationError(`${provider} refused the API key: ${detail}`, { status: e.status, code: "unauthorized" });
  if (e.status === 429) return new IntegrationError(`${provider} rate limit reached: ${detail}`, { status: 429, code: "rate_limited" });
  return new IntegrationError(`${provider} lookup failed: ${detail}`, { status: e.status });
}
