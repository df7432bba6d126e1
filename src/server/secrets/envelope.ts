// AES-256-GCM envelope for credentials at rest (connection secrets, source tokens).
// Format: "v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>". The key id is derived from
// the key itself so a rotation can tell which key sealed a value.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "../env";
import { logger } from "../logger";

export class SecretKeyError extends Error {
  override name = "SecretKeyError";
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 8);
}

export function seal(plaintext: string, key: Buffer = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", keyId(key), iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

export function open(envelope: string, keys: Buffer[] = [secretKey()]): string {
  const [version, kid, iv, tag, ct] = envelope.split(".");
  if (version !== "v1" || !kid || !iv || !tag || ct === undefined) throw new SecretKeyError("not a Vigil secret envelope");
  const key = keys.find((k) => keyId(k) === kid);
  if (!key) throw new SecretKeyError(`secret was sealed with key ${kid}, which is not configured (VIGIL_SECRET_KEY)`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

let cachedKey: Buffer | undefined;

/**
 * The encryption key: VIGIL_SECRET_KEY, else VIGIL_DATA_DIR/secret.key, which is generated
 * (with a warning) on first use so a first start needs no setup.
 */
export function secretKey(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = env().VIGIL_SECRET_KEY;
  if (fromEnv) return (cachedKey = Buffer.from(fromEnv, "base64"));
  const file = path.join(dataDir(), "secret.key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    logger().warn({ file }, "VIGIL_SECRET_KEY is unset: generated a new key file; back it up, or credentials cannot be decrypted");
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new SecretKeyError(`${file} does not hold a 32-byte base64 key`);
  return (cachedKey = key);
}

/** Test hook: forget the cached key. */
export function resetSecretKeyCache(): void {
  cachedKey = undefined;
}
