// Reading the wait a server asks for: Retry-After in seconds or as an HTTP date, Okta's
// X-Rate-Limit-Reset; and the jittered exponential backoff.
import { describe, expect, it } from "vitest";
import { backoffDelayMs, retryAfterMs } from "@/server/integrations/http/retry";

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads seconds", () => expect(retryAfterMs({ "retry-after": "7" }, now)).toBe(7000));
  it("reads an HTTP date", () => expect(retryAfterMs({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }, now)).toBe(30_000));
  it("reads Okta's X-Rate-Limit-Reset epoch seconds", () => expect(retryAfterMs({ "x-rate-limit-reset": String(now / 1000 + 12) }, now)).toBe(12_000));
  it("prefers Retry-After", () => expect(retryAfterMs({ "retry-after": "2", "x-rate-limit-reset": String(now / 1000 + 60) }, now)).toBe(2000));
  it("is undefined without either", () => expect(retryAfterMs({}, now)).toBeUndefined());
});

describe("backoffDelayMs", () => {
  it("grows exponentially within its jitter bounds", () => {
    expect(backoffDelayMs(1, 100, () => 0)).toBe(50);
    expect(backoffDelayMs(1, 100, () => 1)).toBe(100);
    expect(backoffDelayMs(4, 100, () => 1)).toBe(800);
  });
});
