// Signed one-time links: "v1.<payload>.<signature>", base64url, HMAC-SHA256 with a key derived
// (HKDF) from VIGIL_SECRET_KEY per link kind. A payload carries its kind, expiry and a random nonce;
// using a link records the nonce in signed_link_uses in the same transaction as its effect, so a
// replayed link fails. Verifying (to show a page) does not use the link up.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { signedLinkUses } from "../db/schema";
import { AppError } from "../errors";
import { secretKey } from "../secrets/envelope";

export type LinkKind = "approval" | "confirm";

export interface LinkPayload {
  kind: LinkKind;
  /** Unix seconds. */
  exp: number;
  nonce: string;
  [field: string]: unknown;
}

function keyFor(kind: LinkKind, key: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), `vigil signed link: ${kind}`, 32));
}

function signature(kind: LinkKind, body: string, key: Buffer): Buffer {
  return createHmac("sha256", keyFor(kind, key)).update(`v1.${body}`).digest();
}

/** A token for `fields`, valid until `expiresAt`. */
export function signLink(kind: LinkKind, fields: Record<string, unknown>, expiresAt: Date, key: Buffer = secretKey()): string {
  const payload: LinkPayload = { ...fields, kind, exp: Math.floor(expiresAt.getTime() / 1000), nonce: randomBytes(16).toString("base64url") };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `v1.${body}.${signature(kind, body, key).toString("base64url")}`;
}

/** The payload of a valid, unexpired token of `kind`; throws an AppError saying what is wrong. */
export function verifyLink(kind: LinkKind, token: string, key: Buffer = secretKey(), now = new Date()): LinkPayload {
  const [version, body, sig] = String(token).split(".");
  if (version !== "v1" || !body || !sig || token.length > 4_000) throw new AppError("BAD_REQUEST", "this link is malformed; use the link exactly as it was sent");
  const expected = signature(kind, body, key);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("FORBIDDEN", "this link's signature is not valid; use the link exactly as it was sent");
  let payload: LinkPayload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as LinkPayload;
  } catch {
    throw new AppError("BAD_REQUEST", "this link is malformed; use the link exactly as it was sent");
  }
  if (payload.kind !== kind) throw new AppError("FORBIDDEN", "this link is not meant for this page");
  if (typeof payload.exp !== "number" || payload.exp * 1000 <= now.getTime()) throw new AppError("FORBIDDEN", "this link has expired; ask for a new one");
  return payload;
}

/** Uses the link up (in the caller's transaction); a second use fails. */
export async function consumeLink(tx: DbOrTx, payload: LinkPayload, subject: string): Promise<void> {
  const inserted = await tx.insert(signedLinkUses).values({ nonce: payload.nonce, kind: payload.kind, subject }).onConflictDoNothing().returning({ nonce: signedLinkUses.nonce });
  if (inserted.length === 0) throw new AppError("CONFLICT", "this link was already used; each link works once");
}

/** Whether the link was used already (to say so on the page before anyone clicks). */
export async function linkUsed(db: DbOrTx, payload: LinkPayload): Promise<boolean> {
  const rows = await db.select({ nonce: signedLinkUses.nonce }).from(signedLinkUses).where(eq(signedLinkUses.nonce, payload.nonce));
  return rows.length > 0;
}
