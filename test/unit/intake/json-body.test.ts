import { describe, expect, it } from "vitest";
import { isLossyNumber, jsonDepth, parseJsonBody, scanJson } from "@/server/intake/json-body";
import { AppError } from "@/server/errors";

describe("JSON body parsing", () => {
  it("measures depth outside strings only", () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
  });

  it("refuses deep nesting before parsing", () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    expect(() => parseJsonBody(Buffer.from(deep), 64)).toThrow(/nests more than 64 levels deep; the limit is 64/);
  });

  it("reports invalid JSON and empty bodies as 400", () => {
    for (const body of ["{not json", "", "   "]) {
      try {
        parseJsonBody(Buffer.from(body), 64);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).status).toBe(400);
      }
    }
  });

  it("notices what JSON.parse would lose: duplicate keys and numbers a double cannot hold", () => {
    expect(scanJson('{"a":1,"a":2}', 64).lossy).toBe(true);
    expect(scanJson('{"a":{"b":1},"c":{"b":2}}', 64).lossy).toBe(false); // same key in different objects
    expect(scanJson('[{"a":1},{"a":2}]', 64).lossy).toBe(false);
    expect(scanJson('{"a":"x,\\"a\\":1"}', 64).lossy).toBe(false); // a key-like text inside a string
    for (const n of ["1e400", "-1e400", "1e-400", "12345678901234567890", "3.14159265358979323846"]) expect(isLossyNumber(n), n).toBe(true);
    for (const n of ["0", "-0", "1.5", "1e20", "9007199254740991", "0.1", "1.10"]) expect(isLossyNumber(n), n).toBe(false);
    expect(parseJsonBody(Buffer.from('{"n":1e400}'), 64)).toEqual({ payload: { n: Infinity }, lossy: true });
  });

  it("stops scanning as soon as the nesting limit is passed", () => {
    expect(scanJson("[".repeat(100_000), 64).depth).toBe(65);
  });
});
