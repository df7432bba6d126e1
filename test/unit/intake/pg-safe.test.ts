import { describe, expect, it } from "vitest";
import { pgSafeJson, pgSafeString } from "@/server/intake/pg-safe";

describe("Postgres-safe strings", () => {
  it("escapes NUL and lone surrogates only", () => {
    expect(pgSafeString("a\u0000b")).toBe("a\\u0000b");
    expect(pgSafeString("x\ud800y")).toBe("x\\ud800y");
    expect(pgSafeString("\udc00")).toBe("\\udc00");
    expect(pgSafeString("end\ud83d")).toBe("end\\ud83d");
  });

  it("keeps valid pairs, RTL overrides, zero-width characters and homoglyphs verbatim", () => {
    for (const s of ["😀", "invoice\u202Egpj.exe", "ad\u200Bmin", "раypal.com", "plain"]) expect(pgSafeString(s)).toBe(s);
  });
});

describe("Postgres-safe JSON", () => {
  it("returns the same object when nothing needs escaping", () => {
    const value = { a: [1, "x", { b: null }], c: true };
    const result = pgSafeJson(value);
    expect(result.changed).toBe(false);
    expect(result.value).toBe(value);
  });

  it("escapes keys and values deep inside, sharing unchanged subtrees", () => {
    const shared = { keep: "me" };
    const value = { shared, list: ["ok", "bad\u0000"], ["k\u0000"]: 1 };
    const result = pgSafeJson(value);
    expect(result.changed).toBe(true);
    expect(result.value).toEqual({ shared, list: ["ok", "bad\\u0000"], "k\\u0000": 1 });
    expect(result.value.shared).toBe(shared);
  });

  it("keeps __proto__ as an own key and never touches a prototype", () => {
    const value = JSON.parse('{"__proto__":{"polluted":"\\u0000"},"a":"\\u0000"}') as Record<string, unknown>;
    const result = pgSafeJson(value);
    expect(Object.prototype.hasOwnProperty.call(result.value, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(result.value)).toBe('{"__proto__":{"polluted":"\\\\u0000"},"a":"\\\\u0000"}');
  });
});
