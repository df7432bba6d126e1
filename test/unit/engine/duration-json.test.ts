// Durations as playbooks write them, and the canonical JSON that binds approval params.
import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "@/server/engine/duration";
import { canonicalJson, hashJson } from "@/server/engine/json";

describe("parseDuration", () => {
  it("reads units and numbers, and names bad values", () => {
    expect([parseDuration("500ms"), parseDuration("30s"), parseDuration("15m"), parseDuration("2h"), parseDuration("7d"), parseDuration(1500)]).toEqual([500, 30_000, 900_000, 7_200_000, 604_800_000, 1500]);
    expect(() => parseDuration("soon", "ctx.sleep(\"x\")")).toThrow('ctx.sleep("x") "soon" is not a duration like "30s", "15m", "2h" or "7d"');
    expect(() => parseDuration(-1)).toThrow("must be a non-negative number of ms");
    expect(formatDuration(5_400_000)).toBe("1h 30m");
  });
});

describe("canonicalJson", () => {
  it("ignores key order, so the same params hash the same", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(hashJson({ user: "alice", ip: "1.2.3.4" })).toBe(hashJson({ ip: "1.2.3.4", user: "alice" }));
    expect(hashJson({ user: "alice" })).not.toBe(hashJson({ user: "alice " }));
  });
});
