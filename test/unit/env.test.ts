import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/server/env";

describe("environment", () => {
  it("applies defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.VIGIL_MAX_BODY_BYTES).toBe(1024 * 1024);
  });

  it("names every bad variable", () => {
    expect(() => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x" })).toThrow(EnvError);
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", VIGIL_SECRET_KEY: "short" });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect((e as Error).message).toMatch(/VIGIL_SECRET_KEY: must be 32 bytes/);
    }
  });
});
