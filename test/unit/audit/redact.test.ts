// redactSecrets: what the audit trail and step journals keep, and what they never keep.
import { describe, expect, it } from "vitest";
import { redactSecrets } from "@/server/audit/redact";

describe("redactSecrets", () => {
  it("replaces values under secret-looking keys at any depth and keeps the rest", () => {
    const input = { user: "alice", nested: { deeper: [{ client_secret: "x1", accessToken: "x2", note: "fine" }] }, passwordHash: "$argon2id$...", emptyToken: "" };
    expect(redactSecrets(input)).toEqual({ user: "alice", nested: { deeper: [{ client_secret: "[redacted]", accessToken: "[redacted]", note: "fine" }] }, passwordHash: "[redacted]", emptyToken: "" });
  });

  it("redacts credential shapes in strings under innocent keys", () => {
    expect(redactSecrets({ endpoint: "https://svc:hunter2hunter2@api.example.org/v1", header: "SSWS 00abcdefghijklmnop" })).toEqual({
      endpoint: "https://svc:[redacted]@api.example.org/v1",
      header: "SSWS [redacted]",
    });
  });

  it("leaves Dates and Errors whole, and does not touch the input", () => {
    const when = new Date("2026-01-01T00:00:00Z");
    const input = { when, password: "p" };
    const out = redactSecrets(input);
    expect(out.when).toBe(when);
    expect(input.password).toBe("p");
  });
});
