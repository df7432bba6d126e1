import { describe, expect, it } from "vitest";
import { retryAfterSeconds } from "@/server/intake/rate-limit";

describe("Retry-After of the sliding-window rate limit", () => {
  it("waits for the previous minute to decay when this minute still has room", () => {
    // limit 100, previous minute 100, current 0, 30 s in: estimate 50; full until previous decays
    // below 99: 60 * (1 - 99/100) - 30 < 0 -> at least 1 s.
    expect(retryAfterSeconds(100, 100, 0, 30_000)).toBe(1);
    // previous 200, current 50, at 0 s: need 200 * (1 - t/60) + 50 + 1 <= 100 -> t >= 45.3 s
    expect(retryAfterSeconds(100, 200, 50, 0)).toBe(46);
  });

  it("waits into the next minute when this minute is full", () => {
    // current 100 of 100 at 20 s: 40 s to the next minute, then 100 * (1 - t/60) + 1 <= 100 -> t >= 0.6 s
    expect(retryAfterSeconds(100, 0, 100, 20_000)).toBe(41);
  });

  it("is between 1 and 120 seconds", () => {
    expect(retryAfterSeconds(1, 0, 0, 0)).toBe(1);
    expect(retryAfterSeconds(1, 1_000_000, 1_000_000, 0)).toBe(120);
  });
});
