// Signed link tokens: valid ones verify; tampered, expired, foreign-key and wrong-kind ones do not.
import { describe, expect, it } from "vitest";
import { signLink, verifyLink } from "@/server/engine/signed-links";

const key = Buffer.alloc(32, 1);
const later = new Date(Date.now() + 60_000);

describe("signed links", () => {
  it("verifies its own tokens and carries the fields", () => {
    const token = signLink("approval", { approvalId: "a1", approverId: "u1" }, later, key);
    expect(verifyLink("approval", token, key)).toMatchObject({ kind: "approval", approvalId: "a1", approverId: "u1" });
    expect(signLink("approval", {}, later, key)).not.toBe(signLink("approval", {}, later, key)); // a fresh nonce each time
  });

  it("refuses tampered payloads, other keys, other kinds and expired tokens", () => {
    const token = signLink("approval", { approvalId: "a1", approverId: "u1" }, later, key);
    const [v, body, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), approverId: "u2" })).toString("base64url");
    expect(() => verifyLink("approval", `${v}.${forged}.${sig}`, key)).toThrow("this link's signature is not valid; use the link exactly as it was sent");
    expect(() => verifyLink("approval", token, Buffer.alloc(32, 2))).toThrow("signature is not valid");
    expect(() => verifyLink("confirm", token, key)).toThrow("signature is not valid"); // per-kind keys
    expect(() => verifyLink("approval", signLink("approval", {}, new Date(Date.now() - 1), key), key)).toThrow("this link has expired; ask for a new one");
    expect(() => verifyLink("approval", "garbage", key)).toThrow("this link is malformed");
  });
});
