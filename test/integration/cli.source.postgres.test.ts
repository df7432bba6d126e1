// `vigil source add` / `vigil source rotate` as an operator runs them, against real Postgres: the
// secret is printed once, the printed HMAC recipe (openssl) signs exactly like Vigil verifies,
// rotation replaces the secret, and bad options exit non-zero with a message.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertSources } from "@/server/db/schema";
import { verifyHmac } from "@/server/intake/hmac-auth";
import { open } from "@/server/secrets/envelope";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const run = promisify(execFile);
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("clisource");
});
afterAll(() => t.drop());

async function vigil(...args: string[]) {
  const tsx = path.resolve("node_modules/.bin/tsx");
  try {
    const { stdout } = await run(tsx, ["src/cli/main.ts", ...args], { env: { ...process.env, DATABASE_URL: t.url, VIGIL_LOG_LEVEL: "silent" }, timeout: 30_000 });
    return { code: 0, stdout, stderr: "" };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const secretIn = (stdout: string) => stdout.match(/secret \(shown once\): (\S+)/)![1]!;

describe("vigil source", () => {
  it("adds an HMAC source whose printed signing recipe produces a signature Vigil accepts", async () => {
    const added = await vigil("source", "add", "--slug", "cli-hmac", "--auth", "hmac", "--rate-limit", "600");
    expect(added.code).toBe(0);
    const secret = secretIn(added.stdout);
    const [row] = await t.db.select().from(alertSources).where(eq(alertSources.slug, "cli-hmac"));
    expect(row).toMatchObject({ auth: "hmac", kind: "generic", rateLimitPerMinute: 600 });
    expect(open(row!.secretCiphertext)).toBe(secret);

    const recipe = added.stdout.split("\n").find((l) => l.includes("openssl dgst"))!.trim();
    const body = '{"title":"signed by the shell"}';
    const { stdout } = await run("bash", ["-c", `${recipe}; echo "$t $sig"`], { env: { ...process.env, BODY: body, SECRET: secret } });
    const [ts, sig] = stdout.trim().split(" ");
    expect(verifyHmac(`t=${ts},v1=${sig}`, secret, Buffer.from(body), Number(ts) * 1000)).toMatchObject({ ok: true });
  });

  it("rotates a secret and prints the new one once", async () => {
    const before = secretIn((await vigil("source", "add", "--slug", "cli-rot", "--auth", "okta")).stdout);
    const rotated = await vigil("source", "rotate", "--slug", "cli-rot");
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/the old secret no longer works/);
    const after = secretIn(rotated.stdout);
    expect(after).not.toBe(before);
    const [row] = await t.db.select().from(alertSources).where(eq(alertSources.slug, "cli-rot"));
    expect(open(row!.secretCiphertext)).toBe(after);
    expect(row!.secretRotatedAt).not.toBeNull();
  });

  it("exits non-zero with a clear message for an unknown kind, bad mapping or unknown slug", async () => {
    const [kind, mapping, rotate] = await Promise.all([
      vigil("source", "add", "--slug", "cli-bad", "--kind", "nope"),
      vigil("source", "add", "--slug", "cli-bad", "--mapping", "{oops"),
      vigil("source", "rotate", "--slug", "no-such"),
    ]);
    expect(kind.code).not.toBe(0);
    expect(kind.stderr).toMatch(/argument 'nope' is invalid/);
    expect(mapping.code).not.toBe(0);
    expect(mapping.stderr).toMatch(/--mapping is not valid JSON/);
    expect(rotate.code).not.toBe(0);
    expect(rotate.stderr).toMatch(/alert source no-such not found/);
  });
});
