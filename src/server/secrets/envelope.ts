// AES-256-GCM envelope for credentials at rest (connection secrets, source tokens).
// Format: "v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>". The key id says which key of
// the keyring (keyring.ts) sealed a value, so rotation can find values under old keys.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyId, keyring, openingKeys, resetKeyringCache, SecretKeyError } from "./keyring";

export { keyId, SecretKeyError };

export function seal(plaintext: string, key: Buffer = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", keyId(key), iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

/** The key id an envelope was sealed with (no decryption). */
export function envelopeKeyId(envelope: string): string {
  const [version, kid] = envelope.split(".");
  if (version !== "v1" || !kid) throw new SecretKeyError("not a Vigil secret envelope");
  return kid;
}

export function open(envelope: string, keys: Buffer[] = openingKeys()): string {
  const [version, kid, iv, tag, ct] = envelope.split(".");
  if (version !== "v1" || !kid || !iv || !tag || ct === undefined) throw new SecretKeyError("not a Vigil secret envelope");
  const key = keys.find((k) => keyId(k) === kid);
  if (!key) throw new SecretKeyError(`secret was sealed with key ${kid}, which is not configured (VIGIL_SECRET_KEY, VIGIL_SECRET_KEY_PREVIOUS)`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

/** The current key, which seals new values (generated into VIGIL_DATA_DIR on first use when unset). */
export function secretKey(): Buffer {
  return keyring().current;
}

/** Test hook: forget the cached keys. */
export function resetSecretKeyCache(): void {
  resetKeyringCache();
}
