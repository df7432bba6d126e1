// The keys that seal and open stored credentials. The current key seals; the current and every
// previous key open, so `vigil secrets rotate` can re-seal values while old ones stay readable.
// Keys come from VIGIL_SECRET_KEY (+ VIGIL_SECRET_KEY_PREVIOUS, comma-separated), else from files
// in VIGIL_DATA_DIR: secret.key (generated on first use) and secret.key.previous (one per line).
// File keys are re-read when the files change, so `vigil secrets rotate --new-key` reaches a
// running web app and worker without a restart.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "../env";
import { logger } from "../logger";

export class SecretKeyError extends Error {
  override name = "SecretKeyError";
}

export interface Keyring {
  current: Buffer;
  previous: Buffer[];
  /** "env" or "file": where the keys came from. */
  source: "env" | "file";
}

/** Short public id of a key (recorded in every envelope), derived from the key itself. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 8);
}

export const keyFile = (dir = dataDir()) => path.join(dir, "secret.key");
export const previousKeyFile = (dir = dataDir()) => path.join(dir, "secret.key.previous");

function parseKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) throw new SecretKeyError(`${where} does not hold a 32-byte base64 key`);
  return key;
}

/** Changes whenever a file is rewritten or replaced (inode, mtime, size). */
function fileStamp(file: string): string {
  if (!fs.existsSync(file)) return "-";
  const st = fs.statSync(file);
  return `${st.ino}:${st.mtimeMs}:${st.size}`;
}

function loadFromFiles(dir: string): Keyring {
  const file = keyFile(dir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
      logger().warn({ file }, "VIGIL_SECRET_KEY is unset: generated a new key file; back it up, or credentials cannot be decrypted");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // another process made it first
    }
  }
  const current = parseKey(fs.readFileSync(file, "utf8"), file);
  const prevFile = previousKeyFile(dir);
  const previous = fs.existsSync(prevFile)
    ? fs.readFileSync(prevFile, "utf8").split("\n").filter((l) => l.trim()).map((l, i) => parseKey(l, `${prevFile} line ${i + 1}`))
    : [];
  return { current, previous, source: "file" };
}

export interface KeySource {
  /** VIGIL_SECRET_KEY: when set, the files are not used. */
  key?: string;
  /** VIGIL_SECRET_KEY_PREVIOUS. */
  previous?: string;
  /** VIGIL_DATA_DIR, for secret.key and secret.key.previous. */
  dir: string;
}

let cached: { ring: Keyring; stamp: string } | undefined;

/** The keyring for a configuration (cached; key files are re-read when they change). */
export function keyringFrom(source: KeySource): Keyring {
  if (source.key) {
    const stamp = `env:${source.key}:${source.previous ?? ""}`;
    if (cached?.stamp !== stamp) {
      const previous = (source.previous ?? "").split(",").filter((k) => k.trim()).map((k) => parseKey(k, "VIGIL_SECRET_KEY_PREVIOUS"));
      cached = { ring: { current: parseKey(source.key, "VIGIL_SECRET_KEY"), previous, source: "env" }, stamp };
    }
    return cached.ring;
  }
  const stamp = () => `file:${source.dir}:${fileStamp(keyFile(source.dir))}:${fileStamp(previousKeyFile(source.dir))}`;
  if (cached?.stamp !== stamp()) {
    const ring = loadFromFiles(source.dir);
    cached = { ring, stamp: stamp() };
  }
  return cached.ring;
}

/** The keyring of this process. */
export function keyring(): Keyring {
  return keyringFrom({ key: env().VIGIL_SECRET_KEY, previous: env().VIGIL_SECRET_KEY_PREVIOUS, dir: dataDir() });
}

/** Every key that may open a value, current first. */
export function openingKeys(ring: Keyring = keyring()): Buffer[] {
  return [ring.current, ...ring.previous];
}

/**
 * File mode only: makes a new current key, keeping the old one in secret.key.previous. The new
 * key is written to a temporary file and renamed, so a reader never sees half a key.
 */
export function generateNewFileKey(source: KeySource = { key: env().VIGIL_SECRET_KEY, dir: dataDir() }): Keyring {
  if (source.key)
    throw new SecretKeyError(
      "VIGIL_SECRET_KEY is set, so Vigil cannot replace the key itself: generate one (openssl rand -base64 32), set it as VIGIL_SECRET_KEY with the old key in VIGIL_SECRET_KEY_PREVIOUS on every process, then run `vigil secrets rotate`",
    );
  const old = keyringFrom(source);
  fs.appendFileSync(previousKeyFile(source.dir), old.current.toString("base64") + "\n", { mode: 0o600 });
  const tmp = `${keyFile(source.dir)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  fs.renameSync(tmp, keyFile(source.dir));
  return keyringFrom(source);
}

/** Test hook and rotation: forget the cached keys. */
export function resetKeyringCache(): void {
  cached = undefined;
}
