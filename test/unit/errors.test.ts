// Which database errors count as "try again later" (503 at the webhook, job retry in the worker)
// and which are about the request itself.
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/server/errors";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection refused", "ECONNREFUSED"],
    ["admin shutdown", "57P01"],
    ["statement timeout", "57014"],
    ["lock timeout", "55P03"],
    ["deadlock", "40P01"],
    ["serialization failure", "40001"],
    ["disk full", "53100"],
    ["out of memory", "53200"],
    ["too many connections", "53300"],
  ])("is true for %s (%s)", (_, code) => {
    expect(isDatabaseUnavailable(pgError(code))).toBe(true);
  });

  it("looks through wrapping errors (drizzle puts the pg error in cause)", () => {
    expect(isDatabaseUnavailable(new Error("Failed query: insert ...", { cause: pgError("57014", "canceling statement due to statement timeout") }))).toBe(true);
  });

  it.each([
    ["unique violation", "23505"],
    ["invalid text", "22P02"],
    ["syntax error", "42601"],
    ["program limit", "54000"],
  ])("is false for %s (%s): retrying the same request would fail again", (_, code) => {
    expect(isDatabaseUnavailable(pgError(code))).toBe(false);
  });
});
