// Keyset cursors of the cases list are opaque, sort-specific, and refused when tampered with.
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/server/cases/list";
import { likePattern } from "@/server/cases/search";

const row = { createdAt: new Date("2026-01-01T00:00:00.123Z"), id: "0b1a1c2e-1111-4222-8333-944444444444", severity: "high" };

describe("case list cursors", () => {
  it("round-trips the sort keys", () => {
    expect(decodeCursor(encodeCursor(row, "newest"), "newest")).toEqual({ c: row.createdAt, i: row.id });
    expect(decodeCursor(encodeCursor(row, "severity"), "severity")).toEqual({ c: row.createdAt, i: row.id, s: "high" });
  });

  it("refuses garbage and a cursor from another sort with an actionable message", () => {
    expect(() => decodeCursor("not-a-cursor", "newest")).toThrow(/reload the list/);
    expect(() => decodeCursor(encodeCursor(row, "newest"), "severity")).toThrow(/not valid for this sort/);
  });
});

describe("likePattern", () => {
  it("matches the user's text literally", () => {
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
