import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hostKeyMatches, hostKeyPinSchema } from "@/server/integrations/ssh/exec";

const blob = Buffer.from("AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", "base64");
const line = `ssh-ed25519 ${blob.toString("base64")} fw1`;
const fingerprint = `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;

describe("SSH host key pinning", () => {
  it("matches a pinned public key line or its SHA256 fingerprint", () => {
    expect(hostKeyMatches(line, blob)).toBe(true);
    expect(hostKeyMatches(fingerprint, blob)).toBe(true);
  });

  it("refuses any other key", () => {
    const other = Buffer.from(blob);
    other.writeUInt8(other.readUInt8(other.length - 1) ^ 1, other.length - 1);
    expect(hostKeyMatches(line, other)).toBe(false);
    expect(hostKeyMatches(fingerprint, other)).toBe(false);
  });

  it("validates the pin format in connection config", () => {
    expect(hostKeyPinSchema.safeParse(line).success).toBe(true);
    expect(hostKeyPinSchema.safeParse(fingerprint).success).toBe(true);
    expect(hostKeyPinSchema.safeParse("accept-any").success).toBe(false);
  });
});
