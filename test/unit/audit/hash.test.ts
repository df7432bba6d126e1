import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson, GENESIS_HASH } from "@/server/audit/hash";

describe("audit hash chain", () => {
  const row = { at: new Date("2026-11-23T10:00:00.123Z"), actor: "user:1", action: "case.assign", subject: "case:1", data: { b: 1, a: [1, { d: 2, c: 3 }] } };

  it("is independent of key order", () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(auditHash(GENESIS_HASH, row)).toBe(auditHash(GENESIS_HASH, { ...row, data: { a: [1, { c: 3, d: 2 }], b: 1 } }));
  });

  it("changes with any field or the previous hash", () => {
    const h = auditHash(GENESIS_HASH, row);
    expect(auditHash(GENESIS_HASH, { ...row, actor: "user:2" })).not.toBe(h);
    expect(auditHash(GENESIS_HASH, { ...row, data: { b: 2, a: [1, { d: 2, c: 3 }] } })).not.toBe(h);
    expect(auditHash("f".repeat(64), row)).not.toBe(h);
  });
});
