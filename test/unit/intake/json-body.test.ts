import { describe, expect, it } from "vitest";
import { jsonDepth, parseJsonBody } from "@/server/intake/json-body";
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
});
