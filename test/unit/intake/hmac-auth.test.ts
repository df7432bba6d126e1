import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSignatureHeader, signatureHeader, verifyHmac } from "@/server/intake/hmac-auth";

const secret = "vgl_test-secret";
const body = Buffer.from('{"title":"x"}');
const now = 1_800_000_000_000;
const t = now / 1000;

describe("X-Vigil-Signature", () => {
  it("is HMAC-SHA256 of t + '.' + the raw body, in hex", () => {
    const expected = createHmac("sha256", secret).update(`${t}.{"title":"x"}`).digest("hex");
    expect(signatureHeader(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it("parses t and one or more v1 values, and refuses malformed headers", () => {
    const v = "a".repeat(64);
    expect(parseSignatureHeader(`t=${t},v1=${v}, v1=${"B".repeat(64)}`)).toEqual({ timestamp: t, signatures: [v, "b".repeat(64)] });
    for (const bad of [null, "", `v1=${v}`, `t=${t}`, `t=abc,v1=${v}`, `t=${t},v1=short`, "x".repeat(2000)]) expect(parseSignatureHeader(bad)).toBeUndefined();
  });

  it("accepts within ±300 s and refuses outside", () => {
    expect(verifyHmac(signatureHeader(secret, body, t - 300), secret, body, now)).toMatchObject({ ok: true });
    expect(verifyHmac(signatureHeader(secret, body, t + 300), secret, body, now)).toMatchObject({ ok: true });
    expect(verifyHmac(signatureHeader(secret, body, t - 301), secret, body, now)).toMatchObject({ ok: false, reason: "stale_signature" });
    expect(verifyHmac(signatureHeader(secret, body, t + 301), secret, body, now)).toMatchObject({ ok: false, reason: "stale_signature" });
  });

  it("accepts a header carrying the right signature among others (secret rotation on the sender side)", () => {
    const good = signatureHeader(secret, body, t).split("v1=")[1]!;
    expect(verifyHmac(`t=${t},v1=${"0".repeat(64)},v1=${good}`, secret, body, now)).toMatchObject({ ok: true, signature: good });
    expect(verifyHmac(`t=${t},v1=${"0".repeat(64)}`, secret, body, now)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("the nonce expires when the timestamp leaves the window", () => {
    const verdict = verifyHmac(signatureHeader(secret, body, t), secret, body, now);
    expect(verdict.ok && verdict.expiresAt.getTime()).toBe(now + 300_000);
  });
});
