// Password hashing with argon2id (@node-rs/argon2: prebuilt, no node-gyp) and the password policy.
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

export const passwordSchema = z
  .string()
  .min(12, "password must be at least 12 characters")
  .max(256, "password must be at most 256 characters");

export function hashPassword(password: string): Promise<string> {
  // argon2id with the library's defaults (m=19 MiB, t=2, p=1), the OWASP minimum.
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the email is unknown, to even out timing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("vigil-timing-equaliser-" + Math.random());
  return dummyHash;
}
